package io.glooupgrade.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

/** Every scenario gets fresh clusters, and undoes what it created when it ends, failed or not. */
public final class Hooks {

  private final ScenarioState state;

  public Hooks(ScenarioState state) {
    this.state = state;
  }

  @Before(order = 0)
  public void openTarget(Scenario scenario) {
    state.open(scenario.getId(), scenario.getName(), scenario.getSourceTagNames());
  }

  @After(order = 0)
  public void closeTarget() {
    state.close();
  }
}
