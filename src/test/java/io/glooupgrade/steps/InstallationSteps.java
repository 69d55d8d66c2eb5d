package io.glooupgrade.steps;

import io.cucumber.java.en.Given;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.world.Installations;
import io.glooupgrade.world.ScenarioTarget;
import io.glooupgrade.world.ScenarioVersions;

/** Installations the scenarios start from, in the scenario's edition (its tag). */
public final class InstallationSteps {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final Installations installations;

  public InstallationSteps(ScenarioTarget target, ScenarioVersions versions, Installations installations) {
    this.target = target;
    this.versions = versions;
    this.installations = installations;
  }

  @Given("Gloo Edge at the current version is installed with Helm in {string}")
  public void glooAtCurrentVersionIsInstalled(String namespace) {
    Edition edition = target.edition();
    GlooEdge gloo = target.gloo();
    gloo.charts().add(edition);
    gloo.charts().requireOffered(edition, versions.current(), versions.next());
    GlooInstallation installation = gloo.charts().installation(edition, namespace, versions.current());
    installations.install(target.defaultRole(), installation);
    installations.record(installation);
  }

  /**
   * For a cluster that runs Gloo Edge already: its release is the current version (the harness
   * installed nothing, so it uninstalls nothing); the configured current version, unless it is
   * "installed", must be the version found.
   */
  @Given("the Gloo Edge release already installed with Helm in {string}")
  public void theInstalledRelease(String namespace) {
    Edition edition = target.edition();
    GlooEdge gloo = target.gloo();
    gloo.charts().add(edition);
    String installed = gloo.releases().installedVersion(edition, namespace);
    if (!installed.equals(versions.current())) {
      throw new AssertionError("the " + edition.chart() + " release in " + namespace + " runs " + installed
          + ", but the current version is set to " + versions.current() + ": set "
          + edition.settingPrefix() + "current.version to " + installed + " or to installed");
    }
    gloo.charts().requireOffered(edition, installed, versions.next());
    installations.record(gloo.charts().installation(edition, namespace, installed));
  }
}
