package io.glooupgrade.steps;

import io.glooupgrade.world.ScenarioVersions;

import io.glooupgrade.world.ScenarioTarget;

import io.glooupgrade.world.Installations;

import io.glooupgrade.evidence.Encodes;
import io.glooupgrade.evidence.Observed;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.glooupgrade.gloo.checks.PreparationVerdicts;
import io.glooupgrade.gloo.install.UpgradePreparation;
import io.glooupgrade.gloo.checks.UpgradeVerdicts;

/** Upgrade Steps, step 1: prepare to upgrade. */
public final class PreparationSteps {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final Installations installations;
  private final UpgradeFindings findings;

  public PreparationSteps(ScenarioTarget target, ScenarioVersions versions, Installations installations,
      UpgradeFindings findings) {
    this.target = target;
    this.versions = versions;
    this.installations = installations;
    this.findings = findings;
  }

  @Encodes(verifies = "1.1",
      observation = Observed.ROLLED_OUT)
  @When("the upgrade from the current to the new version is prepared")
  public void theUpgradeIsPrepared() {
    UpgradePreparation.Report report = new UpgradePreparation(target.gloo()).prepare(installations.current(),
        versions.next(), target.target().kubernetesVersion());
    installations.record(report.installation());
    findings.preparation(report);
  }

  @Encodes(verifies = "1.1", observation = Observed.POD_IMAGES)
  @Then("every Gloo Edge pod runs the latest patch of the current minor")
  public void everyPodRunsTheLatestPatch() {
    String namespace = installations.current().namespace();
    var latestPatch = target.gloo().charts().installation(target.edition(), namespace, findings.preparation().latestPatch());
    UpgradeVerdicts.everyPodRuns(namespace, target.gloo().releases().glooPods(namespace), latestPatch.imageTags());
  }

  @Encodes(performs = "1.2")
  @Then("the new version is at most one minor above the current version")
  public void atMostOneMinorAbove() {
    var report = findings.preparation();
    PreparationVerdicts.atMostOneMinor(report.path(), report.latestPatch(), report.next());
  }

  @Encodes(performs = "1.3 (dependencies 1-3)")
  @Then("the cluster's Kubernetes version is supported by the new version")
  public void kubernetesIsSupported() {
    PreparationVerdicts.supported(findings.preparation().kubernetes());
  }

  @Encodes(performs = "1.3 (dependencies 1-3)")
  @Then("the Helm version is supported by the new version")
  public void helmIsSupported() {
    PreparationVerdicts.supported(findings.preparation().helm());
  }

  @Encodes(verifies = "1.4",
      observation = "the gateway-proxy Deployment's pod template read from the cluster: whether it has readiness and "
          + "liveness probes")
  @Then("the preparation warns that the gateway-proxy probes are off, as they are by default")
  public void warnsThatProbesAreOff() {
    PreparationVerdicts.warnsOfProbesOff(findings.preparation().probes());
  }
}
