package io.glooupgrade.steps;

import io.glooupgrade.evidence.Encodes;
import io.glooupgrade.evidence.Observed;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.glooupgrade.world.Installations;
import io.glooupgrade.world.ScenarioCanary;
import io.glooupgrade.world.ScenarioTarget;
import io.glooupgrade.world.ScenarioVersions;
import io.glooupgrade.world.VersionRole;
import java.util.List;

/** The canary guide, Open Source or Enterprise (procedures/canary-upgrade.md, #canary-upgrade). */
public final class CanarySteps {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final Installations installations;
  private final ScenarioCanary canary;

  public CanarySteps(ScenarioTarget target, ScenarioVersions versions, Installations installations,
      ScenarioCanary canary) {
    this.target = target;
    this.versions = versions;
    this.installations = installations;
    this.canary = canary;
  }

  @Encodes(performs = {"canary-upgrade 1", "canary-upgrade 2", "rollback 1", "rollback 2"})
  @When("the Helm chart of the {versionRole} version is pulled")
  public void helmChartIsPulled(VersionRole role) {
    canary.upgrade().pullChart(target.edition(), versions.of(role));
  }

  @Encodes(verifies = {"canary-upgrade 4", "rollback 2"},
      observation = Observed.ROLLED_OUT)
  @When("glooctl installs the gateway at the {versionRole} version in its own namespace")
  public void glooctlInstallsTheGateway(VersionRole role) {
    installations.record(canary.upgrade().installBeside(target.edition(), versions.of(role)));
  }

  @Encodes(verifies = {"canary-upgrade 5", "rollback 2"},
      observation = "every Deployment of both namespaces rolled out, and the image of every gloo pod there, read from "
          + "the cluster")
  @Then("the {versionRole} and the {versionRole} version are both running")
  public void bothVersionsAreRunning(VersionRole one, VersionRole other) {
    canary.upgrade().awaitRunning(List.of(installations.of(one), installations.of(other)));
  }

  @Encodes(verifies = "canary-upgrade 6",
      observation = "the API server's answer to the update of the VirtualService, which both versions' validation "
          + "webhooks must admit")
  @When("the petstore VirtualService gains {string} with the retry options of the new version")
  public void petstoreRouteGainsNewRetryOptions(String path) {
    canary.upgrade().changeRouteFor(installations.of(VersionRole.CURRENT), installations.of(VersionRole.NEW),
        path);
  }

  @Encodes(verifies = {"canary-upgrade 7", "rollback 7"},
      observation = Observed.ROUTE)
  @Then("{string} lists the pets through the {versionRole} version's gateway")
  public void listsThePetsThroughTheGateway(String path, VersionRole role) {
    canary.upgrade().servesThePets(installations.of(role), path);
  }

  @Encodes(verifies = {"canary-upgrade 7", "rollback 7"},
      observation = Observed.GLOOCTL_CHECK)
  @Then("glooctl check reports no problems for the {versionRole} version")
  public void glooctlCheckReportsNoProblems(VersionRole role) {
    canary.upgrade().checkReportsNoProblems(installations.of(role));
  }

  @Encodes(performs = {"canary-upgrade 8", "rollback 5"})
  @When("glooctl uninstalls the {versionRole} version")
  public void glooctlUninstalls(VersionRole role) {
    canary.upgrade().uninstall(installations.of(role));
  }

  @Encodes(verifies = {"canary-upgrade 8", "rollback 5"},
      observation = "the Deployments left in the uninstalled version's namespace, read from the cluster until they "
          + "are gone")
  @Then("no Gloo Edge deployment is left in the {versionRole} version's namespace")
  public void noDeploymentIsLeft(VersionRole role) {
    canary.upgrade().uninstalled(installations.of(role)).deploymentsRemoved();
  }

  @Encodes(performs = {"canary-upgrade 8", "rollback 5"})
  @Then("the {versionRole} version's namespace remains")
  public void namespaceRemains(VersionRole role) {
    canary.upgrade().uninstalled(installations.of(role)).namespaceRemains();
  }

  @Encodes(verifies = {"canary-upgrade 8", "rollback 5"},
      observation = "the Gloo custom resources of the uninstalled version's namespace, listed from the cluster "
          + "before and after the uninstall")
  @Then("the custom resources in the {versionRole} version's namespace remain")
  public void customResourcesRemain(VersionRole role) {
    canary.upgrade().uninstalled(installations.of(role)).customResourcesRemain();
  }

  @Encodes(performs = {"canary-upgrade 8", "rollback 5"})
  @Then("the Gloo Edge CRDs remain")
  public void crdsRemain() {
    canary.upgrade().lastUninstalled().crdsRemain();
  }
}
