package io.glooupgrade.steps;

import io.cucumber.java.en.Given;
import io.glooupgrade.gloo.GlooInstallation;

/** Installations the scenarios start from, in the scenario's edition (its tag). */
public final class InstallationSteps {

  private final ScenarioState state;

  public InstallationSteps(ScenarioState state) {
    this.state = state;
  }

  @Given("Gloo Edge at the current version is installed with Helm in {string}")
  public void glooAtCurrentVersionIsInstalled(String namespace) {
    var gloo = state.gloo();
    gloo.addRepository(state.edition());
    gloo.requireOffered(state.edition(), state.versions().current(), state.versions().next());
    GlooInstallation installation = gloo.installation(state.edition(), namespace, state.versions().current());
    state.install(state.clusterRoles().get(0), installation);
    state.installation(installation);
  }
}
