package io.glooupgrade.steps;

import io.glooupgrade.evidence.Encodes;
import io.glooupgrade.evidence.Observed;
import io.cucumber.java.en.When;

/** The documented upgrade actions (Upgrade Steps guide, steps 4 and 5). */
public final class UpgradeSteps {

  private final ScenarioState state;

  public UpgradeSteps(ScenarioState state) {
    this.state = state;
  }

  @Encodes(performs = "4.1")
  @When("the Gloo Edge Helm repositories are updated")
  public void helmRepositoriesAreUpdated() {
    state.gloo().helm().repoUpdate();
  }

  @Encodes(performs = {"4.2.2", "canary-upgrade 3"})
  @When("the CRDs of the new version are applied")
  public void crdsOfTheNewVersionAreApplied() {
    state.gloo().applyCrdsOf(state.edition(), state.versions().next());
  }

  @Encodes(verifies = "5.1", performs = "5 (note)",
      observation = Observed.ROLLED_OUT)
  @When("the Helm release is upgraded to the new version with the values in use")
  public void helmReleaseIsUpgradedWithTheValuesInUse() {
    state.installation(state.gloo().upgradeWithValuesInUse(state.installation(), state.versions().next()));
  }
}
