package io.glooupgrade.evidence.compliance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.glooupgrade.evidence.GuideStep;
import io.glooupgrade.evidence.Traceability;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What {@code record.json} holds for one edition run: the versions, the target's identity (no
 * secret), the run's times and status, the harness, and for every numbered step of both guides
 * the scenarios of this edition that verified it, with their status, failure and evidence files.
 * A guide step that none verified is listed as not verified, with the reason: never left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComplianceRecord(String record, String edition, Versions versions, TargetSummary target, Run run,
    Harness harness, StepCounts guideSteps, List<StepEntry> steps, List<ScenarioEntry> scenarios,
    List<String> missingEvidence, List<String> maskedEvidence, String integrity) {

  public static final String VERIFIED = "verified";
  public static final String PERFORMED = "performed";
  public static final String FAILED = "failed";
  public static final String NOT_VERIFIED = "not verified";

  public record Versions(String from, String to, String rollback) {
  }

  /** Every distinct value seen across the edition's scenarios (an embedded target is new per scenario). */
  public record TargetSummary(List<String> kinds, Map<String, List<String>> contexts,
      Map<String, List<String>> apiServers, List<String> kubernetesVersions) {
  }

  /** {@code interrupted} says why the run was cut short (its status is then "incomplete"); null otherwise. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Run(String started, String finished, String status, int scenarios, int passed, int failed,
      int skipped, String interrupted) {
  }

  public record Harness(String version, String commit) {
  }

  public record StepCounts(int total, int verified, int performed, int failed, int notVerified) {
  }

  /**
   * A guide step's verdict in this run: verified (with what was observed and the fault-matrix rows
   * that prove the observation can fail), performed (done, nothing independent observed), failed,
   * or not verified (with the reason); the Gherkin steps that encode it and the scenarios that ran them.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StepEntry(String reference, String guide, String section, String step, String title,
      String verdict, String observation, List<String> faultMatrixRows, List<String> encodedBy, String reason,
      List<ScenarioEntry> scenarios) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ScenarioEntry(String name, String feature, int line, List<String> tags, String status,
      String failedStep, String message, String started, String finished, TargetIdentity target,
      List<String> evidence, List<PathHop> upgradePath) {
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The record of one edition run. {@code evidence} gives each scenario's evidence files (by
   * scenario id, relative to the record folder); every text taken from the run is masked.
   */
  public static ComplianceRecord of(EditionRun run, List<Traceability.Row> rows, Map<String, List<String>> evidence,
      Harness harness, Secrets secrets, List<String> missingEvidence, List<String> maskedEvidence) {
    Map<String, ScenarioEntry> entries = new LinkedHashMap<>();
    for (ScenarioOutcome o : run.scenarios()) {
      entries.put(o.id(), new ScenarioEntry(secrets.mask(o.name()), o.featureFile(), o.line(), o.tags(), o.status(),
          secrets.mask(o.failedStep()), secrets.mask(o.message()), time(o.started()), time(o.finished()),
          run.targets().get(o.id()), evidence.getOrDefault(o.id(), List.of()), path(run, o.id(), secrets)));
    }
    List<StepEntry> steps = new ArrayList<>();
    for (Traceability.Row row : rows) {
      steps.add(step(row, run, entries, secrets));
    }
    int passed = count(run, ScenarioOutcome.PASSED);
    int failed = count(run, ScenarioOutcome.FAILED);
    int skipped = run.scenarios().size() - passed - failed;
    String status = run.interrupted() != null ? "incomplete" : failed > 0 ? "failed"
        : passed == run.scenarios().size() && passed > 0 ? "passed" : "incomplete";
    Run times = new Run(time(run.scenarios().stream().map(ScenarioOutcome::started).filter(Objects::nonNull)
        .min(Instant::compareTo).orElse(null)), time(run.scenarios().stream().map(ScenarioOutcome::finished)
        .filter(Objects::nonNull).max(Instant::compareTo).orElse(null)), status, run.scenarios().size(), passed,
        failed, skipped, secrets.mask(run.interrupted()));
    StepCounts counts = new StepCounts(steps.size(), verdicts(steps, VERIFIED), verdicts(steps, PERFORMED),
        verdicts(steps, FAILED), verdicts(steps, NOT_VERIFIED));
    return new ComplianceRecord("Gloo Edge upgrade compliance record", run.edition(),
        new Versions(run.versions().current(), run.versions().next(), run.versions().rollback()),
        summary(run), times, harness, counts, steps, List.copyOf(entries.values()),
        missingEvidence.isEmpty() ? null : missingEvidence, maskedEvidence.isEmpty() ? null : maskedEvidence,
        "sha256sum -c " + Sha256Manifest.FILE_NAME + " in this folder verifies every file of it");
  }

  // The hops of an incremental path the scenario performed (null for the others), messages masked.
  private static List<PathHop> path(EditionRun run, String scenarioId, Secrets secrets) {
    List<PathHop> hops = run.paths().get(scenarioId);
    return hops == null ? null : hops.stream().map(h -> new PathHop(h.hop(), h.step(), h.title(), h.verdict(),
        secrets.mask(h.detail()))).toList();
  }

  public String json() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the compliance record as JSON", e);
    }
  }

  private static StepEntry step(Traceability.Row row, EditionRun run, Map<String, ScenarioEntry> entries,
      Secrets secrets) {
    GuideStep guide = row.step();
    List<Traceability.Encoding> encodings = row.encodings().stream()
        .filter(e -> e.scenario().edition().equals(run.edition())).toList();
    List<ScenarioOutcome> ran = run.scenarios().stream()
        .filter(o -> encodings.stream().anyMatch(e -> same(e.scenario(), o))).toList();
    List<ScenarioEntry> encoding = ran.stream().map(o -> entries.get(o.id())).toList();
    List<Traceability.Encoding> passedVerifying = encodings.stream().filter(e -> e.kind() == Traceability.Kind.VERIFIED)
        .filter(e -> ran.stream().anyMatch(o -> same(e.scenario(), o) && ScenarioOutcome.PASSED.equals(o.status())))
        .toList();
    boolean passedPerforming = ran.stream().anyMatch(o -> ScenarioOutcome.PASSED.equals(o.status()));
    String verdict;
    String reason = null;
    String observation = null;
    List<String> rows = null;
    if (ran.stream().anyMatch(o -> ScenarioOutcome.FAILED.equals(o.status()))) {
      verdict = FAILED;
    } else if (!passedVerifying.isEmpty()) {
      verdict = VERIFIED;
      observation = String.join("; ", passedVerifying.stream().flatMap(e -> e.observations().stream()).distinct()
          .toList());
      rows = row.faultMatrixRows();
    } else if (passedPerforming) {
      verdict = PERFORMED;
      reason = "done by the harness; nothing independent of it was observed";
    } else {
      verdict = NOT_VERIFIED;
      reason = guide.manual() != null ? guide.manual()
          : encodings.isEmpty() ? "no " + run.edition() + " scenario encodes this step"
          : ran.isEmpty() ? "its " + run.edition() + " scenarios were not selected in this run: "
              + String.join("; ", encodings.stream().map(e -> e.scenario().name()).distinct().toList())
          : "its " + run.edition() + " scenarios were skipped";
    }
    List<String> encodedBy = encodings.stream().flatMap(e -> e.steps().stream()).distinct().toList();
    return new StepEntry(guide.reference(), guide.guide(), guide.tag(), guide.number(), guide.title(), verdict,
        observation, rows, encodedBy.isEmpty() ? null : encodedBy, secrets.mask(reason),
        encoding.isEmpty() ? null : encoding);
  }

  private static boolean same(Traceability.Scenario scenario, ScenarioOutcome outcome) {
    return scenario.feature().equals(outcome.featureFile()) && scenario.name().equals(outcome.name())
        && new HashSet<>(scenario.tags()).equals(new HashSet<>(outcome.tags()));
  }

  private static TargetSummary summary(EditionRun run) {
    TreeSet<String> kinds = new TreeSet<>();
    TreeSet<String> kubernetes = new TreeSet<>();
    Map<String, TreeSet<String>> contexts = new LinkedHashMap<>();
    Map<String, TreeSet<String>> servers = new LinkedHashMap<>();
    for (TargetIdentity t : run.targets().values()) {
      kinds.add(t.kind());
      kubernetes.add(t.kubernetesVersion());
      t.contexts().forEach((role, name) -> contexts.computeIfAbsent(role, r -> new TreeSet<>()).add(name));
      t.apiServers().forEach((role, server) -> servers.computeIfAbsent(role, r -> new TreeSet<>()).add(server));
    }
    Map<String, List<String>> contextLists = new LinkedHashMap<>();
    contexts.forEach((role, names) -> contextLists.put(role, List.copyOf(names)));
    Map<String, List<String>> serverLists = new LinkedHashMap<>();
    servers.forEach((role, names) -> serverLists.put(role, List.copyOf(names)));
    return new TargetSummary(List.copyOf(kinds), contextLists, serverLists, List.copyOf(kubernetes));
  }

  private static int count(EditionRun run, String status) {
    return (int) run.scenarios().stream().filter(o -> status.equals(o.status())).count();
  }

  private static int verdicts(List<StepEntry> steps, String verdict) {
    return (int) steps.stream().filter(s -> verdict.equals(s.verdict())).count();
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
