package io.glooupgrade.selftest.support;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestStepFinished;
import io.glooupgrade.lifecycle.HarnessRun;
import java.util.ArrayList;
import java.util.List;

/**
 * A Cucumber plugin that records, per scenario run by {@link ScenarioRun}, its status and the
 * first step that did not pass, with the error. Cucumber instantiates it by class name, so the
 * outcomes go to the run the scenarios run in ({@link ScenarioRun} opens one per call).
 */
public final class ScenarioOutcomeRecorder implements ConcurrentEventListener {

  private String failedStep;
  private String error;
  private Throwable thrown;

  /** What one run's scenarios recorded. */
  static final class Recorded {

    private final List<ScenarioRun.Outcome> outcomes = new ArrayList<>();

    synchronized void add(ScenarioRun.Outcome outcome) {
      outcomes.add(outcome);
    }

    synchronized List<ScenarioRun.Outcome> outcomes() {
      return List.copyOf(outcomes);
    }
  }

  /** The outcomes recorded in {@code run}. */
  static List<ScenarioRun.Outcome> outcomes(HarnessRun run) {
    return run.own(Recorded.class, Recorded::new).outcomes();
  }

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
    publisher.registerHandlerFor(TestCaseFinished.class, this::scenarioFinished);
  }

  private synchronized void stepFinished(TestStepFinished event) {
    Status status = event.getResult().getStatus();
    if (failedStep != null || status == Status.PASSED || status == Status.SKIPPED) {
      return;
    }
    failedStep = event.getTestStep() instanceof PickleStepTestStep step
        ? step.getStep().getKeyword() + step.getStep().getText()
        : "hook " + event.getTestStep().getCodeLocation();
    thrown = event.getResult().getError();
    error = thrown == null ? status.name() : String.valueOf(thrown);
  }

  private synchronized void scenarioFinished(TestCaseFinished event) {
    HarnessRun run = HarnessRun.current();
    // The scenario's API retries: cleared when it started, complete once its cleanup ran.
    run.own(Recorded.class, Recorded::new).add(new ScenarioRun.Outcome(event.getTestCase().getName(),
        event.getResult().getStatus(), failedStep, error, thrown, run.apiRetries().recorded()));
    failedStep = null;
    error = null;
    thrown = null;
  }
}
