package io.glooupgrade.steps;

import io.glooupgrade.world.Installations;
import io.glooupgrade.world.ScenarioCanary;
import io.glooupgrade.world.ScenarioTarget;
import io.glooupgrade.world.ScenarioVersions;
import io.glooupgrade.world.VersionRole;
import io.glooupgrade.evidence.Encodes;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

/** The canary guide's rollback (procedures/canary-upgrade.md, #rollback), Open Source or Enterprise. */
public final class RollbackSteps {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final Installations installations;
  private final ScenarioCanary canary;

  public RollbackSteps(ScenarioTarget target, ScenarioVersions versions, Installations installations,
      ScenarioCanary canary) {
    this.target = target;
    this.versions = versions;
    this.installations = installations;
    this.canary = canary;
  }

  @Given("the canary upgrade to the new version is complete, with {string} added for it")
  public void canaryUpgradeIsComplete(String path) {
    installations.record(canary.upgrade().completeTo(installations.of(VersionRole.CURRENT),
        versions.of(VersionRole.NEW), path));
  }

  @Encodes(performs = "rollback 3")
  @When("the change to {string} made for the new version is reverted")
  public void changeIsReverted(String path) {
    canary.upgrade().revertRoute(installations.of(VersionRole.CURRENT), path);
  }

  @Encodes(performs = "rollback 6")
  @When("the CRDs of the rollback version are applied")
  public void crdsOfTheRollbackVersionAreApplied() {
    target.gloo().applyCrdsOf(target.edition(), versions.of(VersionRole.ROLLBACK));
  }

  @Encodes(performs = "rollback 3")
  @Then("{string} is not routed through the {versionRole} version's gateway")
  public void isNotRouted(String path, VersionRole role) {
    canary.upgrade().doesNotRoute(installations.of(role), path);
  }
}
