package io.glooupgrade.evidence;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleStep;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.TableRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What one scenario, as it runs, verifies and performs of the guides: each of its Gherkin steps
 * bound to its step definition's {@link Encodes} declaration, for the guide steps of the scenario's
 * sections. Attached to the scenario's report, so a reader of the Allure report sees the same
 * verdict kinds as TRACEABILITY.md and the compliance record.
 */
public final class ScenarioEncodings {

  private ScenarioEncodings() {
  }

  /** One line per encoded guide step: "verified 5.1 by "..."; observed: ..." or "performed 4.1 by "..."". */
  public static String describe(Path feature, int line, Collection<String> tags) {
    List<String> steps = stepTexts(feature, line);
    StepDefinitions definitions = StepDefinitions.ofGlue();
    List<String> out = new ArrayList<>();
    for (GuideStep guide : Traceability.catalogue()) {
      if (!tags.contains(guide.tag())) {
        continue;
      }
      for (String text : steps) {
        Optional<Encodes> encodes = definitions.bind(text).encodes();
        Traceability.Kind.of(encodes, guide).ifPresent(kind -> out.add(kind == Traceability.Kind.VERIFIED
            ? "verified " + guide.reference() + " by \"" + text + "\"; observed: " + encodes.get().observation()
            : "performed " + guide.reference() + " by \"" + text + "\" (nothing independent observed)"));
      }
    }
    return out.isEmpty() ? "This scenario encodes no numbered guide step." : String.join("\n", out);
  }

  /** The step texts of the scenario (or Examples row) at that line of the feature, Background first. */
  static List<String> stepTexts(Path feature, int line) {
    List<Envelope> envelopes;
    try {
      envelopes = GherkinParser.builder().includeSource(false).includeGherkinDocument(true).includePickles(true)
          .build().parse(feature).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + feature, e);
    }
    Optional<String> nodeId = envelopes.stream().map(Envelope::getGherkinDocument).flatMap(Optional::stream)
        .map(GherkinDocument::getFeature).flatMap(Optional::stream).flatMap(f -> f.getChildren().stream())
        .map(FeatureChild::getScenario).flatMap(Optional::stream)
        .map(s -> idAt(s, line)).flatMap(Optional::stream).findFirst();
    return envelopes.stream().map(Envelope::getPickle).flatMap(Optional::stream)
        .filter(p -> nodeId.isPresent() && p.getAstNodeIds().contains(nodeId.get())).findFirst()
        .map(Pickle::getSteps).orElse(List.of()).stream().map(PickleStep::getText).toList();
  }

  private static Optional<String> idAt(Scenario scenario, int line) {
    if (scenario.getLocation().getLine() == line) {
      return Optional.of(scenario.getId());
    }
    for (Examples examples : scenario.getExamples()) {
      for (TableRow row : examples.getTableBody()) {
        if (row.getLocation().getLine() == line) {
          return Optional.of(row.getId());
        }
      }
    }
    return Optional.empty();
  }
}
