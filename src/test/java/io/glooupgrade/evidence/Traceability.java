package io.glooupgrade.evidence;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleStep;
import io.cucumber.messages.types.PickleTag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Which scenarios encode each numbered step of the two guides, and how: computed from the feature
 * files (parsed with Cucumber's Gherkin parser, Scenario Outlines expanded), the step catalogue
 * {@code guides/steps.yaml}, and what each step definition declares it verifies or performs
 * ({@link Encodes}), binding every Gherkin step to its definition as Cucumber does
 * ({@link StepDefinitions}). A scenario encodes a guide step when it carries the step's section tag
 * and runs a definition that declares it. A guide step that no scenario encodes stays in the table,
 * marked as not verified: the table never hides a gap.
 */
public final class Traceability {

  /** A scenario as run: one per Examples row, with its edition and section tags. */
  public record Scenario(String feature, String name, List<String> tags, List<String> stepTexts) {

    public String edition() {
      return tags.stream().filter(t -> List.of("@oss", "@enterprise", "@federation").contains(t))
          .map(t -> t.substring(1)).findFirst().orElse("no edition tag");
    }
  }

  /** How a scenario encodes a guide step: verified by an observation, or only performed. */
  public enum Kind {
    VERIFIED("verified"), PERFORMED("performed");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }

    /** How a step definition's declaration encodes a guide step, if it does. */
    public static Optional<Kind> of(Optional<Encodes> encodes, GuideStep step) {
      if (encodes.isPresent() && List.of(encodes.get().verifies()).contains(step.id())) {
        return Optional.of(VERIFIED);
      }
      return encodes.isPresent() && List.of(encodes.get().performs()).contains(step.id())
          ? Optional.of(PERFORMED) : Optional.empty();
    }
  }

  /** One scenario's encoding of a guide step: how, by which Gherkin steps, observing what. */
  public record Encoding(Scenario scenario, Kind kind, List<String> steps, List<String> observations) {
  }

  /**
   * One guide step, its encodings, and the fault-matrix rows caught at the Gherkin steps whose
   * definitions verify it (the proof that the verification can fail).
   */
  public record Row(GuideStep step, List<Encoding> encodings, List<String> faultMatrixRows) {

    public boolean encoded() {
      return !encodings.isEmpty();
    }

    /** The scenarios that encode the step, in any way. */
    public List<Scenario> scenarios() {
      return encodings.stream().map(Encoding::scenario).toList();
    }

    /** VERIFIED when a scenario verifies it, PERFORMED when scenarios only perform it; empty if none encodes it. */
    public Optional<Kind> kind() {
      return encodings.stream().map(Encoding::kind).min(Comparator.naturalOrder());
    }

    /** What the verifying step definitions observe, once each. */
    public List<String> observations() {
      return encodings.stream().filter(e -> e.kind() == Kind.VERIFIED).flatMap(e -> e.observations().stream())
          .distinct().toList();
    }
  }

  private final List<GuideStep> steps;
  private final List<Scenario> scenarios;
  private final StepDefinitions definitions;
  private final FaultMatrixCatches catches;

  private Traceability(List<GuideStep> steps, List<Scenario> scenarios, StepDefinitions definitions,
      FaultMatrixCatches catches) {
    this.steps = steps;
    this.scenarios = scenarios;
    this.definitions = definitions;
    this.catches = catches;
  }

  /** The catalogue and the catches from the classpath, the scenarios from the feature files in a folder. */
  public static Traceability of(Path featuresFolder) {
    return of(featuresFolder, FaultMatrixCatches.load());
  }

  public static Traceability of(Path featuresFolder, FaultMatrixCatches catches) {
    return new Traceability(catalogue(), scenarios(featuresFolder), StepDefinitions.ofGlue(), catches);
  }

  public List<Scenario> scenarios() {
    return scenarios;
  }

  public List<GuideStep> guideSteps() {
    return steps;
  }

  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (GuideStep step : steps) {
      List<Encoding> encodings = new ArrayList<>();
      Set<StepDefinitions.Definition> verifying = new LinkedHashSet<>();
      for (Scenario scenario : step.manual() != null ? List.<Scenario>of() : scenarios) {
        if (scenario.tags().contains(step.tag())) {
          encoding(step, scenario, verifying).ifPresent(encodings::add);
        }
      }
      List<String> faults = catches.faultsByStep().entrySet().stream()
          .filter(e -> verifying.contains(definitions.bind(e.getKey())))
          .flatMap(e -> e.getValue().stream()).distinct().sorted().toList();
      rows.add(new Row(step, encodings, faults));
    }
    return rows;
  }

  private Optional<Encoding> encoding(GuideStep step, Scenario scenario, Set<StepDefinitions.Definition> verifying) {
    List<String> verifiedBy = new ArrayList<>();
    List<String> performedBy = new ArrayList<>();
    List<String> observations = new ArrayList<>();
    for (String text : scenario.stepTexts()) {
      StepDefinitions.Definition definition = definitions.bind(text);
      Optional<Kind> kind = Kind.of(definition.encodes(), step);
      if (kind.equals(Optional.of(Kind.VERIFIED))) {
        verifiedBy.add(text);
        observations.add(definition.encodes().get().observation());
        verifying.add(definition);
      } else if (kind.isPresent()) {
        performedBy.add(text);
      }
    }
    if (!verifiedBy.isEmpty()) {
      return Optional.of(new Encoding(scenario, Kind.VERIFIED, verifiedBy, observations.stream().distinct().toList()));
    }
    return performedBy.isEmpty() ? Optional.empty()
        : Optional.of(new Encoding(scenario, Kind.PERFORMED, performedBy, List.of()));
  }

  /** The table as Markdown: TRACEABILITY.md. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Traceability: every numbered step of the two guides, and how the scenarios encode it\n\n")
        .append("Generated by `mvn test` (`TraceabilityTableTest`) from `features/`, ")
        .append("`src/test/resources/guides/steps.yaml`, the step definitions' `@Encodes` declarations and the ")
        .append("fault matrix; do not edit by hand. A scenario encodes a guide step when it carries the step's ")
        .append("section tag and runs a step definition that declares the step. **verified**: a step definition ")
        .append("observes the target in a way that would differ had the step not worked (what it observes is ")
        .append("named), and the fault-matrix rows listed make that observation fail. **performed**: the harness ")
        .append("does the step, or checks only what it did itself; nothing independent is observed. ")
        .append("**not verified**: no scenario encodes it, and why. Whether a scenario passed in a given run is ")
        .append("in that run's compliance record and Allure report.\n\n")
        .append("| Guide step | What it asks | Verdict kind | Observed (verified) or done (performed) | ")
        .append("Fault-matrix rows | Scenarios (edition) |\n|---|---|---|---|---|---|\n");
    List<Row> rows = rows();
    for (Row row : rows) {
      String kind = row.kind().map(k -> k == Kind.VERIFIED ? "verified" : "performed").orElse("**not verified**");
      String how = row.kind().isEmpty() ? (row.step().manual() == null ? "no scenario encodes this step"
          : row.step().manual())
          : row.kind().get() == Kind.VERIFIED ? String.join("; ", row.observations())
          : "by " + String.join("; ", row.encodings().stream().flatMap(e -> e.steps().stream()).distinct()
              .map(t -> "\"" + t + "\"").toList());
      String scenarioCell = String.join("<br>", row.encodings().stream().map(e -> e.scenario().feature() + ": "
          + e.scenario().name() + " (" + e.scenario().edition() + (e.kind() == Kind.VERIFIED ? "" : ", performed")
          + ")").distinct().toList());
      md.append("| ").append(row.step().reference()).append(" | ").append(escape(row.step().title())).append(" | ")
          .append(kind).append(" | ").append(escape(how)).append(" | ")
          .append(escape(String.join(", ", row.faultMatrixRows()))).append(" | ").append(escape(scenarioCell))
          .append(" |\n");
    }
    md.append("\n").append(count(rows, Kind.VERIFIED)).append(" of ").append(rows.size())
        .append(" guide steps are verified, ").append(count(rows, Kind.PERFORMED)).append(" performed only, ")
        .append(rows.stream().filter(r -> r.kind().isEmpty()).count()).append(" not verified.\n");
    return md.toString();
  }

  /**
   * The verification section of docs/evidence.md: per guide step, its verdict kind on the embedded
   * target, and what changes on a real cluster with a real glooctl. Its link is relative to docs/.
   */
  public String verificationMarkdown() {
    List<Row> rows = rows();
    StringBuilder md = new StringBuilder("Generated by `TraceabilityTableTest` (`mvn -B test`) from the step "
        + "definitions' declarations; do not edit by hand. What each step observes, and the fault-matrix rows that "
        + "prove it can fail: [TRACEABILITY.md](../TRACEABILITY.md).\n\n")
        .append("| Guide step | On the embedded target | On a real cluster, with `harness.glooctl` |\n|---|---|---|\n");
    for (Row row : rows) {
      String kind = row.kind().map(Kind::word).orElse("not verified");
      String real = row.step().realCluster() != null ? row.step().realCluster()
          : row.kind().isEmpty() ? "not verified either"
          : row.kind().get() == Kind.VERIFIED ? "the same observation; the fault rows run on the embedded target only"
          : "the same: performed";
      md.append("| ").append(row.step().reference()).append(": ").append(escape(row.step().title())).append(" | ")
          .append(kind).append(" | ").append(escape(real)).append(" |\n");
    }
    return md.append("\n").append(count(rows, Kind.VERIFIED)).append(" verified, ").append(count(rows, Kind.PERFORMED))
        .append(" performed only, ").append(rows.stream().filter(r -> r.kind().isEmpty()).count())
        .append(" not verified, of ").append(rows.size()).append(".\n").toString();
  }

  private static long count(List<Row> rows, Kind kind) {
    return rows.stream().filter(r -> r.kind().equals(Optional.of(kind))).count();
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }

  /** The numbered steps of both guides, as guides/steps.yaml lists them. */
  public static List<GuideStep> catalogue() {
    try (InputStream in = Traceability.class.getResourceAsStream("/guides/steps.yaml")) {
      if (in == null) {
        throw new IllegalStateException("guides/steps.yaml is missing from the test resources");
      }
      List<Map<String, Object>> entries = new Yaml().load(in);
      return entries.stream().map(e -> new GuideStep((String) e.get("guide"), (String) e.get("section"),
          String.valueOf(e.get("step")), (String) e.get("title"), (String) e.get("manual"),
          (String) e.get("realCluster"))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Scenario> scenarios(Path folder) {
    GherkinParser parser = GherkinParser.builder().includeSource(false).includeGherkinDocument(false)
        .includePickles(true).build();
    try (Stream<Path> files = Files.list(folder)) {
      List<Scenario> all = new ArrayList<>();
      for (Path feature : files.filter(f -> f.toString().endsWith(".feature")).sorted().toList()) {
        parser.parse(feature).map(Envelope::getPickle).flatMap(Optional::stream)
            .map(p -> scenario(feature.getFileName().toString(), p)).forEach(all::add);
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the feature files in " + folder, e);
    }
  }

  private static Scenario scenario(String feature, Pickle pickle) {
    return new Scenario(feature, pickle.getName(), pickle.getTags().stream().map(PickleTag::getName).toList(),
        pickle.getSteps().stream().map(PickleStep::getText).toList());
  }
}
