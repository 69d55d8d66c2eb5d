package io.glooupgrade.steps;

import io.glooupgrade.gloo.canary.CanaryUpgrade;
import io.glooupgrade.gloo.GlooInstallation;

/** The canary and rollback steps' shared view of one scenario: its installations by version role. */
public final class CanaryContext {

  private final ScenarioState state;
  private CanaryUpgrade canary;

  public CanaryContext(ScenarioState state) {
    this.state = state;
  }

  CanaryUpgrade canary() {
    if (canary == null) {
      canary = new CanaryUpgrade(state.gloo(), state.cleanup());
    }
    return canary;
  }

  String version(VersionRole role) {
    return role.version(state.versions());
  }

  GlooInstallation installation(VersionRole role) {
    return state.installationIn(role.namespace(state.versions()));
  }
}
