package io.glooupgrade.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;

/** Every scenario gets fresh clusters and leaves nothing running behind it. */
public final class Hooks {

  private final ScenarioState state;

  public Hooks(ScenarioState state) {
    this.state = state;
  }

  @Before(order = 0)
  public void openTarget() {
    state.open();
  }

  @After(order = 0)
  public void closeTarget() {
    state.close();
  }
}
