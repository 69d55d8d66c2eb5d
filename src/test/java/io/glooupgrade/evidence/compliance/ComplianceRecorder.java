package io.glooupgrade.evidence.compliance;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestStepFinished;
import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.config.UpgradeVersions;
import io.glooupgrade.evidence.HarnessVersion;
import io.glooupgrade.evidence.Plan;
import io.glooupgrade.evidence.Traceability;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.lifecycle.RunInterruption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Cucumber plugin, registered after Allure's: it notes each scenario's outcome and, when the
 * run ends (Allure has written every result by then), writes one compliance record per edition
 * that ran, under {@code reports/compliance/} (beside the raw Allure results), and names them in
 * {@code reports/compliance/LATEST}. A record that does not verify, or a scenario without Allure
 * evidence, fails the run. A run cut short (Ctrl-C, SIGTERM) still gets its records, marked
 * incomplete, with the scenario that was running listed as interrupted ({@link RunInterruption}).
 */
public final class ComplianceRecorder implements ConcurrentEventListener {

  private static final DateTimeFormatter FOLDER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

  private final Map<UUID, Instant> started = new ConcurrentHashMap<>();
  private final Map<UUID, TestCase> running = new ConcurrentHashMap<>();
  private final AtomicBoolean written = new AtomicBoolean();
  private final Map<UUID, String[]> firstFailure = new ConcurrentHashMap<>();
  private final List<ScenarioOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
  private volatile Instant runStarted = Instant.now();
  // The run whose records these are, from its start on (the plugin may be made before it opens).
  private volatile HarnessRun run;

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestRunStarted.class, e -> {
      runStarted = e.getInstant();
      run = HarnessRun.current();
      run.interruption().reportWith(this::writeInterrupted);
    });
    publisher.registerHandlerFor(TestCaseStarted.class, e -> {
      started.put(e.getTestCase().getId(), e.getInstant());
      running.put(e.getTestCase().getId(), e.getTestCase());
    });
    publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
    publisher.registerHandlerFor(TestCaseFinished.class, this::scenarioFinished);
    publisher.registerHandlerFor(TestRunFinished.class, e -> {
      try {
        write();
      } finally {
        run.interruption().reportWritten();
      }
    });
  }

  // From the shutdown hook, when the scenario running at the interruption did not end in time.
  private void writeInterrupted() {
    running.values().forEach(testCase -> outcomes.add(outcome(testCase, ScenarioOutcome.FAILED, "(interrupted)",
        run.interruption().reason(), Instant.now())));
    try {
      write();
    } catch (RuntimeException e) {
      System.err.println("The interrupted run's compliance records are not complete: " + e.getMessage());
    }
  }

  private void stepFinished(TestStepFinished event) {
    if (failed(event.getResult().getStatus())) {
      String step = event.getTestStep() instanceof PickleStepTestStep s ? s.getStep().getKeyword() + s.getStep().getText()
          : event.getTestStep() instanceof HookTestStep h ? h.getHookType() + " hook " + h.getCodeLocation()
          : event.getTestStep().getCodeLocation();
      firstFailure.putIfAbsent(event.getTestCase().getId(), new String[] {step.strip(), message(event.getResult())});
    }
  }

  private void scenarioFinished(TestCaseFinished event) {
    TestCase testCase = event.getTestCase();
    Status status = event.getResult().getStatus();
    String[] failure = failed(status) ? firstFailure.getOrDefault(testCase.getId(),
        new String[] {null, message(event.getResult())}) : new String[] {null, null};
    outcomes.add(outcome(testCase, status == Status.PASSED ? ScenarioOutcome.PASSED : failed(status)
        ? ScenarioOutcome.FAILED : ScenarioOutcome.SKIPPED, failure[0], failure[1], event.getInstant()));
    running.remove(testCase.getId());
  }

  private ScenarioOutcome outcome(TestCase testCase, String status, String failedStep, String message,
      Instant finished) {
    String uri = testCase.getUri().toString();
    return new ScenarioOutcome(testCase.getId().toString(), uri.substring(uri.lastIndexOf('/') + 1),
        testCase.getLocation().getLine(), testCase.getName(), List.copyOf(testCase.getTags()), status, failedStep,
        message, started.get(testCase.getId()), finished);
  }

  private void write() {
    if (!written.compareAndSet(false, true)) {
      return; // the shutdown hook and the end of the run may both get here
    }
    if (run.preflight().stopped()) {
      System.out.println("No compliance record: the run stopped before its first scenario, so nothing was verified");
      return;
    }
    if (Plan.requested()) {
      System.out.println("Plan mode: no compliance record, since nothing was verified on the target");
      return;
    }
    Path results = Path.of(System.getProperty("allure.results.directory", "reports/allure-results"));
    Path root = Path.of(System.getProperty("harness.compliance.directory",
        results.toAbsolutePath().resolveSibling("compliance").toString()));
    Map<String, List<ScenarioOutcome>> byEdition = new LinkedHashMap<>();
    synchronized (outcomes) {
      outcomes.forEach(o -> byEdition.computeIfAbsent(o.edition(), e -> new ArrayList<>()).add(o));
    }
    byEdition.remove("no-edition"); // TraceabilityTableTest makes sure every scenario has one
    if (byEdition.isEmpty()) {
      return;
    }
    List<Traceability.Row> rows = Traceability.of(Path.of("features")).rows();
    AllureResults allure = AllureResults.in(results);
    Secrets secrets = Secrets.of(run.facts().secrets());
    ComplianceRecord.Harness harness = new ComplianceRecord.Harness(HarnessVersion.version(),
        HarnessVersion.gitCommit());
    List<String> latest = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, List<ScenarioOutcome>> edition : byEdition.entrySet()) {
      RecordFolder.Written written = RecordFolder.write(root, FOLDER_TIME.format(runStarted),
          editionRun(edition.getKey(), edition.getValue()), rows, allure, harness, secrets);
      latest.add(root.relativize(written.folder()).toString().replace('\\', '/'));
      missing.addAll(written.missingEvidence());
      System.out.println("Compliance record: " + written.folder() + " (" + Sha256Manifest.FILE_NAME + " SHA-256 "
          + written.manifestSha256() + ")");
    }
    try {
      Files.writeString(root.resolve("LATEST"), String.join("\n", latest) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + root.resolve("LATEST"), e);
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("compliance records written without some of their evidence: " + missing);
    }
  }

  private EditionRun editionRun(String edition, List<ScenarioOutcome> scenarios) {
    Map<String, TargetIdentity> targets = new LinkedHashMap<>();
    UpgradeVersions versions = null;
    for (ScenarioOutcome o : scenarios) {
      var facts = run.facts().of(o.id());
      if (facts.isPresent()) {
        targets.put(o.id(), facts.get().target());
        versions = versions == null ? facts.get().versions() : versions;
      }
    }
    if (versions == null) { // no scenario of this edition reached its target: the configured versions
      versions = HarnessSettings.fromEnvironment().versionsOf(Edition.valueOf(edition.toUpperCase(Locale.ROOT)));
    }
    // Scenarios may end in any order when they run side by side: the record lists them as the features do.
    List<ScenarioOutcome> inFeatureOrder = scenarios.stream().sorted(java.util.Comparator
        .comparing(ScenarioOutcome::featureFile).thenComparingInt(ScenarioOutcome::line)).toList();
    return new EditionRun(edition, versions, inFeatureOrder, targets, run.facts().paths(),
        run.interruption().reason());
  }

  private static boolean failed(Status status) {
    return status == Status.FAILED || status == Status.AMBIGUOUS || status == Status.UNDEFINED
        || status == Status.PENDING;
  }

  private static String message(Result result) {
    Throwable error = result.getError();
    if (error == null) {
      return result.getStatus() == Status.UNDEFINED ? "the step is undefined"
          : result.getStatus() == Status.PENDING ? "the step is pending" : null;
    }
    return error.getMessage() != null ? error.getMessage() : error.toString();
  }
}
