package io.glooupgrade.steps;

import io.glooupgrade.world.ScenarioVersions;

import io.glooupgrade.world.ScenarioTarget;

import io.glooupgrade.world.Installations;

import io.glooupgrade.evidence.Encodes;
import io.glooupgrade.evidence.Observed;
import io.cucumber.java.en.Then;
import io.glooupgrade.gloo.checks.UpgradeVerdicts;

/** What must hold after a documented step: CRDs, image tags, server versions. */
public final class VerificationSteps {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final Installations installations;

  public VerificationSteps(ScenarioTarget target, ScenarioVersions versions, Installations installations) {
    this.target = target;
    this.versions = versions;
    this.installations = installations;
  }

  @Encodes(performs = "4.2.3")
  @Then("glooctl check-crds against the new version reports that all CRDs are up to date")
  public void crdsMatchTheNewVersion() {
    crdsUpToDate(versions.next());
  }

  @Encodes(performs = "4.2.3")
  @Then("glooctl check-crds reports that all CRDs are up to date")
  public void crdsMatchTheServerVersion() {
    crdsUpToDate(target.gloo().glooctl().serverVersion(installations.current().namespace()));
  }

  @Encodes(verifies = "5.2", observation = Observed.POD_IMAGES)
  @Then("every Gloo Edge pod runs the image tag of the new version")
  public void everyPodRunsTheNewImageTag() {
    var installation = installations.current();
    UpgradeVerdicts.everyPodRuns(installation.namespace(), target.gloo().releases().glooPods(installation.namespace()),
        installation.imageTags());
  }

  @Encodes(performs = "5.3")
  @Then("glooctl version reports the new version for every server component")
  public void glooctlVersionReportsTheNewVersion() {
    var installation = installations.current();
    // glooctl's client carries the OSS version, which an Enterprise server's components pull in.
    UpgradeVerdicts.everyServerComponentAt(target.gloo().glooctl().version(installation.namespace(), installation.ossVersion()),
        installation.imageTags());
  }

  @Encodes(verifies = {"3.4", "5.4"},
      observation = Observed.GLOOCTL_CHECK)
  @Then("glooctl check reports no problems")
  public void glooctlCheckReportsNoProblems() {
    UpgradeVerdicts.noProblems(target.gloo().glooctl().checkOnceSettled(installations.current().namespace()));
  }

  private void crdsUpToDate(String version) {
    String namespace = installations.current().namespace();
    UpgradeVerdicts.crdsUpToDate(target.gloo().glooctl().checkCrds(namespace, target.edition(), version), version);
  }
}
