package io.glooupgrade.world;

import io.glooupgrade.gloo.canary.CanaryUpgrade;

/** The canary upgrade (and rollback) one scenario performs on its cluster, made when a step first needs it. */
public final class ScenarioCanary {

  private final ScenarioTarget target;
  private final ScenarioUndo undo;
  private CanaryUpgrade upgrade;

  public ScenarioCanary(ScenarioTarget target, ScenarioUndo undo) {
    this.target = target;
    this.undo = undo;
  }

  public CanaryUpgrade upgrade() {
    if (upgrade == null) {
      upgrade = new CanaryUpgrade(target.gloo(), undo.onDefault());
    }
    return upgrade;
  }
}
