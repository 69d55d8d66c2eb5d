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
    crdsUpToDate(state.settings().newVersion());
  }

  @Then("glooctl check-crds reports that all CRDs are up to date")
  public void crdsMatchTheServerVersion() {
    crdsUpToDate(state.gloo().serverVersion(state.installation().namespace()));
  }

  @Then("every Gloo Edge pod runs the image tag of the new version")
  public void everyPodRunsTheNewImageTag() {
    String namespace = state.installation().namespace();
    UpgradeVerdicts.everyPodRuns(namespace, state.gloo().glooPods(namespace), state.settings().newVersion());
  }

  @Then("glooctl version reports the new version for every server component")
  public void glooctlVersionReportsTheNewVersion() {
    String version = state.settings().newVersion();
    UpgradeVerdicts.everyServerComponentAt(state.gloo().version(state.installation().namespace(), version), version);
  }

  @Then("glooctl check reports no problems")
  public void glooctlCheckReportsNoProblems() {
    UpgradeVerdicts.noProblems(state.gloo().checkOnceSettled(state.installation().namespace()));
  }

  private void crdsUpToDate(String version) {
    UpgradeVerdicts.crdsUpToDate(state.gloo().checkCrds(state.installation().namespace(), version), version);
  }
}
