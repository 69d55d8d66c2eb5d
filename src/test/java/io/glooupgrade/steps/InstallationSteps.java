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

  /**
   * For a cluster that runs Gloo Edge already: its release is the current version (the harness
   * installed nothing, so it uninstalls nothing); the configured current version, unless it is
   * "installed", must be the version found.
   */
  @Given("the Gloo Edge release already installed with Helm in {string}")
  public void theInstalledRelease(String namespace) {
    var gloo = state.gloo();
    gloo.addRepository(state.edition());
    String installed = gloo.installedVersion(state.edition(), namespace);
    if (!installed.equals(state.versions().current())) {
      throw new AssertionError("the " + state.edition().chart() + " release in " + namespace + " runs " + installed
          + ", but the current version is set to " + state.versions().current() + ": set "
          + state.edition().settingPrefix() + "current.version to " + installed + " or to installed");
    }
    gloo.requireOffered(state.edition(), installed, state.versions().next());
    state.installation(gloo.installation(state.edition(), namespace, installed));
  }
}
