package io.glooupgrade.selftest.support;

import io.cucumber.core.cli.Main;
import io.cucumber.plugin.event.Status;
import io.glooupgrade.embedded.EmbeddedWorld;
import io.glooupgrade.embedded.SelfTestFaults;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.evidence.PlanPrinter;
import io.glooupgrade.kube.ApiRetries;
import io.glooupgrade.traffic.StepTimeline;
import java.util.ArrayList;
import java.util.Map;
import java.util.function.Consumer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs scenarios of the real feature files, with the real glue, against embedded clusters whose
 * twin has faults switched on: the proof that a scenario fails, and at which step, when the
 * product is broken the way a fault breaks it.
 */
public final class ScenarioRun {

  /**
   * How one scenario ended: its status and, unless it passed, the first failing step, its error and
   * what was thrown (whose stack names the harness class that caught the problem).
   */
  public record Outcome(String scenario, Status status, String failedStep, String error, Throwable thrown,
      List<ApiRetries.Retry> apiRetries) {

    public Outcome(String scenario, Status status, String failedStep, String error) {
      this(scenario, status, failedStep, error, null, List.of());
    }

    public boolean passed() {
      return status == Status.PASSED;
    }
  }

  // The embedded cluster settles in well under a second; a faulty run need not wait the minutes
  // a real cluster may take before its wait gives up.
  private static final Map<String, String> SHORT_TIMEOUTS = Map.of("harness.timeout.rollout", "20",
      "harness.timeout.check", "10", "harness.timeout.route", "10", "harness.timeout.helm", "30");

  private ScenarioRun() {
  }

  /**
   * Runs the scenarios of a feature file whose name matches {@code scenarioName} exactly and whose
   * tags match {@code tagExpression} (for example {@code "@enterprise"}), with the faults on.
   */
  public static List<Outcome> run(String featureFile, String scenarioName, String tagExpression, Faults faults) {
    return run(featureFile, scenarioName, tagExpression, faults, Map.of(), world -> { }, false);
  }

  /**
   * Runs scenarios with no fault and with the Allure adapter on, so that they leave the evidence a
   * real run leaves (in this JVM's Allure results directory), showing each world to
   * {@code inspector} before it closes.
   */
  public static List<Outcome> runRecordingEvidence(String featureFile, String scenarioName, String tagExpression,
      Consumer<EmbeddedWorld> inspector) {
    return run(featureFile, scenarioName, tagExpression, Faults.none(), Map.of(), inspector, true);
  }

  /**
   * Runs one scenario with the faults on, settings for this run only, and the Allure adapter on
   * (evidence in this JVM's Allure results directory); fails if several scenarios match.
   */
  public static Outcome runOneRecordingEvidence(String featureFile, String scenarioName, String tagExpression,
      Faults faults, Map<String, String> settings) {
    List<Outcome> outcomes = run(featureFile, scenarioName, tagExpression, faults, settings, world -> { }, true);
    if (outcomes.size() != 1) {
      throw new IllegalArgumentException(outcomes.size() + " scenarios match '" + scenarioName + "' " + tagExpression
          + ": " + outcomes);
    }
    return outcomes.get(0);
  }

  /** The same, showing each embedded world to {@code inspector} just before it closes. */
  public static List<Outcome> run(String featureFile, String scenarioName, String tagExpression, Faults faults,
      Consumer<EmbeddedWorld> inspector) {
    return run(featureFile, scenarioName, tagExpression, faults, Map.of(), inspector, false);
  }

  /**
   * The same with settings of the harness for this run only (for example
   * {@code harness.current.version} or {@code harness.kubernetes.version}): the run's own
   * settings, read before system properties and the environment.
   */
  public static List<Outcome> run(String featureFile, String scenarioName, String tagExpression, Faults faults,
      Map<String, String> settings) {
    return run(featureFile, scenarioName, tagExpression, faults, settings, world -> { }, false);
  }

  private static List<Outcome> run(String featureFile, String scenarioName, String tagExpression, Faults faults,
      Map<String, String> settings, Consumer<EmbeddedWorld> inspector, boolean evidence) {
    List<String> args = new ArrayList<>(List.of("--glue", "io.glooupgrade.steps", "--plugin",
        ScenarioOutcomeRecorder.class.getName(), "--plugin", StepTimeline.class.getName(), "--plugin",
        PlanPrinter.class.getName(), "--monochrome", "--name",
        "^" + Pattern.quote(scenarioName) + "$"));
    if (evidence) {
      args.addAll(List.of("--plugin", "io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm"));
    }
    if (tagExpression != null) {
      args.addAll(List.of("--tags", tagExpression));
    }
    args.add("features/" + featureFile);
    List<Outcome> outcomes;
    // The switch opens a run of its own, on this thread: the scenarios' state, settings and faults
    // are theirs, so that runs on other threads (the fault matrix's rows) go on beside it.
    try (SelfTestFaults.Switch on = SelfTestFaults.switchOn(faults).inspectingWorldsBeforeClose(inspector)) {
      on.run().settings().putAll(SHORT_TIMEOUTS);
      on.run().settings().putAll(settings);
      Main.run(args.toArray(String[]::new), Thread.currentThread().getContextClassLoader());
      outcomes = ScenarioOutcomeRecorder.outcomes(on.run());
    }
    if (outcomes.isEmpty()) {
      throw new IllegalArgumentException("no scenario named '" + scenarioName + "'"
          + (tagExpression == null ? "" : " tagged " + tagExpression) + " in features/" + featureFile);
    }
    return outcomes;
  }

  /** The one scenario that matches; fails if several do. */
  public static Outcome runOne(String featureFile, String scenarioName, String tagExpression, Faults faults) {
    return runOne(featureFile, scenarioName, tagExpression, faults, Map.of());
  }

  /** The one scenario that matches, with settings for this run only; fails if several do. */
  public static Outcome runOne(String featureFile, String scenarioName, String tagExpression, Faults faults,
      Map<String, String> settings) {
    List<Outcome> outcomes = run(featureFile, scenarioName, tagExpression, faults, settings);
    if (outcomes.size() != 1) {
      throw new IllegalArgumentException(outcomes.size() + " scenarios match '" + scenarioName + "' " + tagExpression
          + ": " + outcomes);
    }
    return outcomes.get(0);
  }
}
