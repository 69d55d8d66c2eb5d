package io.glooupgrade.steps;

import io.cucumber.java.en.Given;
import io.glooupgrade.gloo.GlooInstallation;

/** Installations the scenarios start from. */
public final class InstallationSteps {

  private final ScenarioState state;

  public InstallationSteps(ScenarioState state) {
    this.state = state;
  }

  @Given("Gloo Edge OSS at the current version is installed with Helm in {string}")
  public void glooAtCurrentVersionIsInstalled(String namespace) {
    state.gloo().addGlooRepository();
    state.gloo().requireOffered(state.settings().currentVersion(), state.settings().newVersion());
    GlooInstallation installation = new GlooInstallation(namespace, state.settings().currentVersion());
    state.gloo().install(installation);
    state.installation(installation);
  }
}
