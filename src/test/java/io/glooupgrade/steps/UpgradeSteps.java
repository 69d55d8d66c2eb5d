package io.glooupgrade.steps;

import io.glooupgrade.world.ScenarioVersions;

import io.glooupgrade.world.ScenarioTarget;

import io.glooupgrade.world.Installations;

import io.glooupgrade.evidence.Encodes;
import io.glooupgrade.evidence.Observed;
import io.cucumber.java.en.When;

/** The documented upgrade actions (Upgrade Steps guide, steps 4 and 5). */
public final class UpgradeSteps {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final Installations installations;

  public UpgradeSteps(ScenarioTarget target, ScenarioVersions versions, Installations installations) {
    this.target = target;
    this.versions = versions;
    this.installations = installations;
  }

  @Encodes(performs = "4.1")
  @When("the Gloo Edge Helm repositories are updated")
  public void helmRepositoriesAreUpdated() {
    target.gloo().helm().repoUpdate();
  }

  @Encodes(performs = {"4.2.2", "canary-upgrade 3"})
  @When("the CRDs of the new version are applied")
  public void crdsOfTheNewVersionAreApplied() {
    target.gloo().applyCrdsOf(target.edition(), versions.next());
  }

  @Encodes(verifies = "5.1", performs = "5 (note)",
      observation = Observed.ROLLED_OUT)
  @When("the Helm release is upgraded to the new version with the values in use")
  public void helmReleaseIsUpgradedWithTheValuesInUse() {
    installations.record(target.gloo().releases().upgradeWithValuesInUse(installations.current(), versions.next()));
  }
}
