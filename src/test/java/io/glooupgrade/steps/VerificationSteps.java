package io.glooupgrade.steps;

import io.cucumber.java.en.Then;
import io.glooupgrade.gloo.UpgradeVerdicts;

/** What must hold after a documented step: CRDs, image tags, server versions. */
public final class VerificationSteps {

  private final ScenarioState state;

  public VerificationSteps(ScenarioState state) {
    this.state = state;
  }

  @Then("glooctl check-crds against the new version reports that all CRDs are up to date")
  public void crdsMatchTheNewVersion() {
    crdsUpToDate(state.versions().next());
  }

  @Then("glooctl check-crds reports that all CRDs are up to date")
  public void crdsMatchTheServerVersion() {
    crdsUpToDate(state.gloo().serverVersion(state.installation().namespace()));
  }

  @Then("every Gloo Edge pod runs the image tag of the new version")
  public void everyPodRunsTheNewImageTag() {
    var installation = state.installation();
    UpgradeVerdicts.everyPodRuns(installation.namespace(), state.gloo().glooPods(installation.namespace()),
        installation.imageTags());
  }

  @Then("glooctl version reports the new version for every server component")
  public void glooctlVersionReportsTheNewVersion() {
    var installation = state.installation();
    // glooctl's client carries the OSS version, which an Enterprise server's components pull in.
    UpgradeVerdicts.everyServerComponentAt(state.gloo().version(installation.namespace(), installation.ossVersion()),
        installation.imageTags());
  }

  @Then("glooctl check reports no problems")
  public void glooctlCheckReportsNoProblems() {
    UpgradeVerdicts.noProblems(state.gloo().checkOnceSettled(state.installation().namespace()));
  }

  private void crdsUpToDate(String version) {
    UpgradeVerdicts.crdsUpToDate(state.gloo().checkCrds(state.installation().namespace(), state.edition(), version),
        version);
  }
}
