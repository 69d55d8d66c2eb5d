package io.glooupgrade.steps;

import io.glooupgrade.evidence.Encodes;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

/** The canary guide's rollback (procedures/canary-upgrade.md, #rollback), Open Source or Enterprise. */
public final class RollbackSteps {

  private final ScenarioState state;
  private final CanaryContext context;

  public RollbackSteps(ScenarioState state, CanaryContext context) {
    this.state = state;
    this.context = context;
  }

  @Given("the canary upgrade to the new version is complete, with {string} added for it")
  public void canaryUpgradeIsComplete(String path) {
    state.installation(context.canary().completeTo(context.installation(VersionRole.CURRENT),
        context.version(VersionRole.NEW), path));
  }

  @Encodes(performs = "rollback 3")
  @When("the change to {string} made for the new version is reverted")
  public void changeIsReverted(String path) {
    context.canary().revertRoute(context.installation(VersionRole.CURRENT), path);
  }

  @Encodes(performs = "rollback 6")
  @When("the CRDs of the rollback version are applied")
  public void crdsOfTheRollbackVersionAreApplied() {
    state.gloo().applyCrdsOf(state.edition(), context.version(VersionRole.ROLLBACK));
  }

  @Encodes(performs = "rollback 3")
  @Then("{string} is not routed through the {versionRole} version's gateway")
  public void isNotRouted(String path, VersionRole role) {
    context.canary().doesNotRoute(context.installation(role), path);
  }
}
