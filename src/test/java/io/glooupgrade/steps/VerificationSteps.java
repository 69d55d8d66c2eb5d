package io.glooupgrade.steps;

import io.glooupgrade.evidence.Encodes;
import io.glooupgrade.evidence.Observed;
import io.cucumber.java.en.Then;
import io.glooupgrade.gloo.checks.UpgradeVerdicts;

/** What must hold after a documented step: CRDs, image tags, server versions. */
public final class VerificationSteps {

  private final ScenarioState state;

  public VerificationSteps(ScenarioState state) {
    this.state = state;
  }

  @Encodes(performs = "4.2.3")
  @Then("glooctl check-crds against the new version reports that all CRDs are up to date")
  public void crdsMatchTheNewVersion() {
    crdsUpToDate(state.versions().next());
  }

  @Encodes(performs = "4.2.3")
  @Then("glooctl check-crds reports that all CRDs are up to date")
  public void crdsMatchTheServerVersion() {
    crdsUpToDate(state.gloo().serverVersion(state.installation().namespace()));
  }

  @Encodes(verifies = "5.2", observation = Observed.POD_IMAGES)
  @Then("every Gloo Edge pod runs the image tag of the new version")
  public void everyPodRunsTheNewImageTag() {
    var installation = state.installation();
    UpgradeVerdicts.everyPodRuns(installation.namespace(), state.gloo().glooPods(installation.namespace()),
        installation.imageTags());
  }

  @Encodes(performs = "5.3")
  @Then("glooctl version reports the new version for every server component")
  public void glooctlVersionReportsTheNewVersion() {
    var installation = state.installation();
    // glooctl's client carries the OSS version, which an Enterprise server's components pull in.
    UpgradeVerdicts.everyServerComponentAt(state.gloo().version(installation.namespace(), installation.ossVersion()),
        installation.imageTags());
  }

  @Encodes(verifies = {"3.4", "5.4"},
      observation = Observed.GLOOCTL_CHECK)
  @Then("glooctl check reports no problems")
  public void glooctlCheckReportsNoProblems() {
    UpgradeVerdicts.noProblems(state.gloo().checkOnceSettled(state.installation().namespace()));
  }

  private void crdsUpToDate(String version) {
    UpgradeVerdicts.crdsUpToDate(state.gloo().checkCrds(state.installation().namespace(), state.edition(), version),
        version);
  }
}
