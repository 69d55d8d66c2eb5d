package io.glooupgrade.steps;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;

/** The canary guide, Open Source or Enterprise (procedures/canary-upgrade.md, #canary-upgrade). */
public final class CanarySteps {

  private final ScenarioState state;
  private final CanaryContext context;

  public CanarySteps(ScenarioState state, CanaryContext context) {
    this.state = state;
    this.context = context;
  }

  @ParameterType("current|new|rollback")
  public VersionRole versionRole(String word) {
    return VersionRole.named(word);
  }

  @When("the Helm chart of the {versionRole} version is pulled")
  public void helmChartIsPulled(VersionRole role) {
    context.canary().pullChart(state.edition(), context.version(role));
  }

  @When("glooctl installs the gateway at the {versionRole} version in its own namespace")
  public void glooctlInstallsTheGateway(VersionRole role) {
    state.installation(context.canary().installBeside(state.edition(), context.version(role)));
  }

  @Then("the {versionRole} and the {versionRole} version are both running")
  public void bothVersionsAreRunning(VersionRole one, VersionRole other) {
    context.canary().awaitRunning(List.of(context.installation(one), context.installation(other)));
  }

  @When("the petstore VirtualService gains {string} with the retry options of the new version")
  public void petstoreRouteGainsNewRetryOptions(String path) {
    context.canary().changeRouteFor(context.installation(VersionRole.CURRENT), context.installation(VersionRole.NEW),
        path);
  }

  @Then("{string} lists the pets through the {versionRole} version's gateway")
  public void listsThePetsThroughTheGateway(String path, VersionRole role) {
    context.canary().servesThePets(context.installation(role), path);
  }

  @Then("glooctl check reports no problems for the {versionRole} version")
  public void glooctlCheckReportsNoProblems(VersionRole role) {
    context.canary().checkReportsNoProblems(context.installation(role));
  }

  @When("glooctl uninstalls the {versionRole} version")
  public void glooctlUninstalls(VersionRole role) {
    context.canary().uninstall(context.installation(role));
  }

  @Then("no Gloo Edge deployment is left in the {versionRole} version's namespace, "
      + "while its custom resources and the CRDs remain")
  public void onlyWhatUninstallKeepsIsLeft(VersionRole role) {
    context.canary().leftOnlyWhatUninstallKeeps(context.installation(role));
  }
}
