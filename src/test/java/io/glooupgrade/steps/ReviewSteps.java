package io.glooupgrade.steps;

import io.glooupgrade.world.ScenarioVersions;

import io.glooupgrade.world.ScenarioTarget;

import io.glooupgrade.world.Installations;

import io.glooupgrade.evidence.Encodes;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.gloo.install.ChartChanges;
import io.glooupgrade.gloo.HelmValues;
import io.glooupgrade.gloo.checks.PreparationVerdicts;
import io.glooupgrade.gloo.install.RemovedCrds;

/**
 * Upgrade Steps, step 2 (review the CRD and Helm changes) and what step 4 does with them: delete
 * the removed CRDs, keep the values in use clear of removed Helm values.
 */
public final class ReviewSteps {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final Installations installations;
  private final UpgradeFindings findings;

  public ReviewSteps(ScenarioTarget target, ScenarioVersions versions, Installations installations,
      UpgradeFindings findings) {
    this.target = target;
    this.versions = versions;
    this.installations = installations;
    this.findings = findings;
  }

  @Encodes(performs = "2.2")
  @When("the CRD and Helm changes from the current to the new version are reviewed")
  public void changesAreReviewed() {
    changes();
  }

  @Encodes(verifies = "4.2.1",
      observation = "the custom resources stored under each removed CRD, listed from the cluster before anything is "
          + "deleted (a CRD that still holds some is not deleted), then the CRDs read until they are gone")
  @When("the CRDs the new version removes are deleted")
  public void removedCrdsAreDeleted() {
    removedCrds().delete(versions.next());
  }

  @Encodes(performs = "4.4.1")
  @When("the Helm values in use are saved")
  public void valuesInUseAreSaved() {
    var installation = installations.current();
    HelmValues inUse = HelmValues.parse(target.gloo().helm().getValues(installation.namespace(),
        installation.edition().release(), installation.chartReference()));
    findings.valuesInUse(inUse);
    var removed = changes().removedValuesIn(inUse);
    Evidence.text("values in use that the chart of " + versions.next() + " no longer has",
        removed.isEmpty() ? "none" : String.join("\n", removed));
  }

  @Encodes(verifies = "2.2",
      observation = "the custom resources listed from the cluster for each CRD that the new version's chart no longer"
          + " has")
  @Then("no CRD that the new version removes still holds custom resources")
  public void noRemovedCrdHoldsResources() {
    PreparationVerdicts.noRemovedCrdHoldsResources(removedCrds().customResources(), versions.next());
  }

  @Encodes(performs = "4.2.1")
  @Then("no CRD that the new version removes is left in the cluster")
  public void noRemovedCrdIsLeft() {
    PreparationVerdicts.noRemovedCrdLeft(removedCrds().inCluster(), versions.next());
  }

  @Encodes(performs = "4.4.2")
  @Then("no Helm value in use is one that the new version removes")
  public void noRemovedValueInUse() {
    PreparationVerdicts.noRemovedValueInUse(changes().removedValuesIn(findings.valuesInUse()),
        versions.next());
  }

  private ChartChanges changes() {
    return findings.changes(() -> ChartChanges.review(target.gloo().helm(), target.edition(),
        installations.current().version(), versions.next()));
  }

  private RemovedCrds removedCrds() {
    return new RemovedCrds(target.gloo().client(), changes().removedCrds());
  }
}
