package io.glooupgrade.steps;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.Scenario;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.evidence.ScenarioEncodings;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.world.ScenarioEnd;
import io.glooupgrade.world.ScenarioTarget;
import io.glooupgrade.world.ScenarioVersions;
import java.nio.file.Path;

/** Every scenario gets fresh clusters, and undoes what it created when it ends, failed or not. */
public final class Hooks {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final ScenarioEnd end;

  public Hooks(ScenarioTarget target, ScenarioVersions versions, ScenarioEnd end) {
    this.target = target;
    this.versions = versions;
    this.end = end;
  }

  /** What can be known before the first scenario is checked once, before it (see Preflight). */
  @BeforeAll
  public static void preflight() {
    HarnessRun.current().preflight().begin();
  }

  /** A run whose preflight failed fails once, at its end, with the one message: Maven exits non-zero. */
  @AfterAll
  public static void preflightVerdict() {
    HarnessRun.current().preflight().end();
  }

  @Before(order = 0)
  public void openTarget(Scenario scenario) {
    HarnessRun.current().preflight().require(scenario.getSourceTagNames());
    HarnessRun.current().timings().scenarioStarted(scenario.getId(), scenario.getName());
    target.open(scenario.getId(), scenario.getName(), scenario.getSourceTagNames(), scenario.getUri(),
        scenario.getLine());
    // The versions may be read from the cluster or the repository.
    versions.recordFacts();
  }

  /** The guide steps this scenario verifies or performs, in its report (as TRACEABILITY.md has them). */
  @After(order = 1)
  public void encodedGuideSteps(Scenario scenario) {
    if ("file".equals(scenario.getUri().getScheme()) && scenario.getLine() != null) {
      Evidence.text("guide steps: verified or performed", ScenarioEncodings.describe(Path.of(scenario.getUri()),
          scenario.getLine(), scenario.getSourceTagNames()));
    }
  }

  /**
   * Undoes what the scenario created. When it failed, its target is asked once whether it still
   * answers: a target that went away ends the run there, said once, rather than failing every
   * scenario left the same way.
   */
  @After(order = 0)
  public void closeTarget(Scenario scenario) {
    if (scenario.isFailed()) {
      target.lostTarget().ifPresent(HarnessRun.current().interruption()::targetLost);
    }
    try {
      end.end();
    } finally {
      HarnessRun.current().timings().scenarioEnded();
    }
  }
}
