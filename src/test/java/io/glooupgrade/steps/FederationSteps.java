package io.glooupgrade.steps;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.glooupgrade.evidence.Encodes;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.evidence.Observed;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.canary.RetryOption;
import io.glooupgrade.gloo.checks.UpgradeVerdicts;
import io.glooupgrade.gloo.federation.FederatedVirtualServices.Placement;
import io.glooupgrade.gloo.federation.FederationVerdicts;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.gloo.install.Petstore;
import io.glooupgrade.world.Installations;
import io.glooupgrade.world.ScenarioFederation;
import io.glooupgrade.world.ScenarioTarget;
import io.glooupgrade.world.ScenarioVersions;
import io.glooupgrade.world.VersionRole;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Federation canary upgrade and its rollback (canary guide, "Upgrade Gloo Edge Federation" and
 * "Roll back a canary upgrade"): a management cluster running gloo-fed, remote clusters running
 * Gloo Edge Enterprise, registrations, and the guide's FederatedVirtualService.
 */
public final class FederationSteps {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final Installations installations;
  private final ScenarioFederation federation;

  public FederationSteps(ScenarioTarget target, ScenarioVersions versions, Installations installations,
      ScenarioFederation federation) {
    this.target = target;
    this.versions = versions;
    this.installations = installations;
    this.federation = federation;
  }

  @Encodes(performs = {"canary-upgrade-fed 1", "canary-upgrade-fed 2"})
  @Given("the licence key and the new version are set")
  public void licenceKeyAndNewVersionAreSet() {
    Evidence.documentedCommand("export LICENSE_KEY=<licence key, not shown>");
    target.target().licenceKey().orElseThrow(() -> new AssertionError(
        "Gloo Edge Federation needs a licence key: set the environment variable LICENSE_KEY"));
    versionIsSet("NEW_VERSION", versions.next());
  }

  @Encodes(performs = "rollback 1")
  @Given("the rollback version is set")
  public void rollbackVersionIsSet() {
    versionIsSet("ROLLBACK_VERSION", versions.rollback());
  }

  @Encodes(verifies = {"canary-upgrade-fed 5", "rollback 2"},
      observation = Observed.ROLLED_OUT)
  @Given("Gloo Edge Federation at the {versionRole} version is installed with Helm in {string}( of the management "
      + "cluster)")
  public void federationIsInstalled(VersionRole role, String namespace) {
    GlooEdge management = federation.management();
    management.charts().add(Edition.FEDERATION);
    GlooInstallation gloofed = management.charts().installation(Edition.FEDERATION, versions.namespace(namespace),
        versions.of(role));
    installations.install(target.defaultRole(), gloofed);
    installations.record(gloofed);
  }

  @Encodes(verifies = {"canary-upgrade-fed 7", "rollback 4"},
      observation = Observed.ROLLED_OUT)
  @Given("Gloo Edge Enterprise at the {versionRole} version is installed with Helm in {string} of {string}")
  public void enterpriseIsInstalledOnRemote(VersionRole role, String namespace, String remote) {
    GlooEdge cluster = target.gloo(remote);
    cluster.charts().add(Edition.ENTERPRISE);
    // The remotes run the Enterprise release with the federation's number (the guide's step 7).
    GlooInstallation enterprise = cluster.charts().installation(Edition.ENTERPRISE, versions.namespace(namespace),
        versions.of(role));
    installations.install(remote, enterprise);
    installations.onRemote(remote, enterprise);
  }

  @Given("the petstore runs on {string}")
  public void thePetstoreRunsOn(String remote) {
    federation.deployPetstore(remote);
  }

  @Encodes(performs = {"canary-upgrade-fed 7", "rollback 4"})
  @Given("{string} is registered with the Gloo Edge Federation in {string}")
  public void remoteIsRegistered(String remote, String federationNamespace) {
    federation.register(remote, versions.namespace(federationNamespace));
  }

  @Encodes(performs = {"canary-upgrade-fed 3", "rollback 2"})
  @When("the gloo-fed Helm chart of the {versionRole} version is pulled")
  public void federationChartIsPulled(VersionRole role) {
    String version = versions.of(role);
    String pulled = federation.federation().pullChart(version);
    if (!pulled.equals(version)) {
      throw new AssertionError("helm pull gloo-fed/gloo-fed --version " + version + " returned the chart of " + pulled);
    }
  }

  @Encodes(performs = {"canary-upgrade-fed 4", "rollback 6"})
  @When("the Gloo Edge Federation CRDs of the {versionRole} version are applied to the management cluster")
  public void federationCrdsAreApplied(VersionRole role) {
    federation.federation().applyCrds(versions.of(role));
  }

  @Encodes(performs = "canary-upgrade-fed 8")
  @Given("the guide's federated virtual service {string} is applied in {string}")
  public void guidesFederatedVirtualServiceIsApplied(String name, String namespace) {
    federation.applyGuideExample(name, namespace, Optional.empty());
  }

  @Encodes(performs = "rollback 3")
  @When("^the federated virtual service \"([^\"]*)\" in \"([^\"]*)\" is reverted to the guide's example without "
      + "(\\w+)$")
  public void federatedVirtualServiceIsReverted(String name, String namespace, String field) {
    federation.applyGuideExample(name, namespace, Optional.of(field));
  }

  @Encodes(performs = "rollback 3")
  @Then("the federated virtual service {string} in {string} no longer sets {word}")
  public void federatedVirtualServiceNoLongerSets(String name, String namespace, String field) {
    if (federation.federatedVirtualServices().specSets(namespace, name, field)) {
      throw new AssertionError("FederatedVirtualService " + namespace + "/" + name + " still sets " + field);
    }
  }

  @Encodes(verifies = {"canary-upgrade-fed 9", "rollback 3"},
      observation = "the FederatedVirtualService's status as gloo-fed wrote it on the management cluster: the "
          + "placement state per federation namespace")
  @Then("the federated virtual service {string} in {string} is placed as follows:")
  public void federatedVirtualServiceIsPlaced(String name, String namespace, DataTable table) {
    List<Placement> expected = table.asMaps().stream().map(row -> new Placement(
        versions.namespace(row.get("federation namespace")), row.get("cluster"), row.get("namespace"), row.get("state"), null))
        .toList();
    federation.federatedVirtualServices().awaitPlacements(namespace, name, expected);
  }

  @Encodes(performs = "rollback 3")
  @Then("the VirtualService {string} placed in {string} of {string} retries {int} times, without retryBackOff")
  public void placedVirtualServiceRetriesWithoutBackOff(String name, String namespace, String remote, int retries) {
    FederationVerdicts.retriesWithoutBackOff(federation.placed(name, namespace, remote), remote, retries);
  }

  @Encodes(verifies = "canary-upgrade-fed 9",
      observation = "the VirtualService gloo-fed placed on the remote, read from that remote's API: its retries, and "
          + "retryBackOff only where the remote's CRDs know it")
  @Then("the VirtualService {string} placed in {string} of {string} retries {int} times, with retryBackOff from "
      + "{string} to {string} only if its version knows it")
  public void placedVirtualServiceRetriesAsItsVersionKnows(String name, String namespace, String remote, int retries,
      String baseInterval, String maxInterval) {
    GlooInstallation gloo = installations.ofRemote(remote);
    Evidence.text("what " + remote + " knows", remote + " runs Gloo Edge Enterprise " + gloo.version()
        + " (Gloo Edge " + gloo.ossVersion() + "); retryBackOff exists from " + RetryOption.RETRY_BACK_OFF.since()
        + " on, so the placed VirtualService must retry " + retries + " times "
        + (RetryOption.RETRY_BACK_OFF.isKnownBy(gloo.ossVersion()) ? "with" : "without") + " it");
    FederationVerdicts.retriesAsItsVersionKnows(federation.placed(name, namespace, remote), remote, gloo.ossVersion(), retries,
        baseInterval, maxInterval);
  }

  @Encodes(performs = "canary-upgrade-fed 11")
  @Then("the VirtualService {string} placed in {string} of {string} remains there")
  public void placedVirtualServiceRemains(String name, String namespace, String remote) {
    if (federation.placed(name, namespace, remote).isEmpty()) {
      throw new AssertionError("VirtualService " + namespace + "/" + name + " is gone from " + remote
          + ", though glooctl cluster deregister leaves custom resources in place");
    }
  }

  @Encodes(performs = {"canary-upgrade-fed 11", "rollback 4"})
  @Then("the VirtualService {string} is gone from {string} with its namespace {string}")
  public void placedVirtualServiceIsGone(String name, String remote, String namespace) {
    federation.awaitPlacedGone(name, remote, namespace);
  }

  @Encodes(verifies = {"canary-upgrade-fed 10", "rollback 7"},
      observation = Observed.ROUTE)
  @Then("the petstore lists the pets at {string} through the gateway of {string}")
  public void petstoreListsThePetsThroughTheGatewayOf(String path, String remote) {
    Petstore.awaitListed(target.gloo(remote).glooctl().proxyUrl(installations.ofRemote(remote).namespace()), path,
        "the gateway of " + remote);
  }

  @Encodes(verifies = {"canary-upgrade-fed 10", "rollback 7"},
      observation = Observed.GLOOCTL_CHECK)
  @Then("glooctl check reports no problems on {string}")
  public void glooctlCheckReportsNoProblemsOn(String remote) {
    UpgradeVerdicts.noProblems(target.gloo(remote).glooctl().checkOnceSettled(installations.ofRemote(remote).namespace()));
  }

  @Encodes(performs = "canary-upgrade-fed 6")
  @Then("^Gloo Edge Federation runs at the current version in \"([^\"]*)\" and at the new version in \"([^\"]*)\"$")
  public void bothFederationsRun(String currentNamespace, String newNamespace) {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(versions.namespace(currentNamespace), versions.current());
    expected.put(versions.namespace(newNamespace), versions.next());
    GlooEdge management = federation.management();
    expected.forEach((namespace, version) -> {
      federation.federation().getAll(namespace);
      management.releases().awaitRolledOut(management.charts().installation(Edition.FEDERATION, namespace, version));
      UpgradeVerdicts.everyPodRuns(namespace, management.releases().glooPods(namespace), Set.of(version));
    });
    FederationVerdicts.onlyFederations(federation.federation().running(), expected);
  }

  @Encodes(verifies = {"canary-upgrade-fed 11", "rollback 5"},
      observation = "the gloo-fed Deployments of every namespace of the management cluster and their pods' image tags")
  @Then("only the Gloo Edge Federation in {string} runs on the management cluster, at the {versionRole} version")
  public void onlyOneFederationRuns(String namespace, VersionRole role) {
    FederationVerdicts.onlyFederations(federation.federation().running(),
        Map.of(versions.namespace(namespace), versions.of(role)));
  }

  @Encodes(performs = {"canary-upgrade-fed 11", "rollback 4"})
  @When("{string} is deregistered from the Gloo Edge Federation in {string}")
  public void remoteIsDeregistered(String remote, String federationNamespace) {
    federation.deregister(remote, versions.namespace(federationNamespace));
  }

  @Encodes(performs = {"canary-upgrade-fed 11", "rollback 4"})
  @Then("{string} is no longer registered with the Gloo Edge Federation in {string}")
  public void remoteIsNoLongerRegistered(String remote, String federationNamespace) {
    String federationName = versions.namespace(federationNamespace);
    federation.federation().registeredClusters(federationName);
    FederationVerdicts.deregistered(remote, federationName, federation.registrationLeftovers(remote, federationName));
  }

  @Encodes(performs = {"canary-upgrade-fed 11", "rollback 5"})
  @When("the Gloo Edge Federation in {string} is uninstalled with glooctl")
  public void federationIsUninstalled(String namespace) {
    String federationNamespace = versions.namespace(namespace);
    federation.federation().uninstall(installations.in(federationNamespace));
    installations.forget(federationNamespace);
  }

  @Encodes(verifies = "canary-upgrade-fed 11",
      observation = "the Deployments and pods left in the uninstalled federation's namespace, read from the "
          + "management cluster")
  @Then("no Gloo Edge Federation runs in {string} of the management cluster")
  public void noFederationRunsIn(String namespace) {
    String federationNamespace = versions.namespace(namespace);
    FederationVerdicts.uninstalled(federationNamespace, federation.federation().releaseInstalledIn(federationNamespace),
        federation.federation().running());
  }

  @Encodes(performs = "canary-upgrade-fed 11")
  @Then("the namespace {string} remains on the management cluster")
  public void namespaceRemains(String namespace) {
    String federationNamespace = versions.namespace(namespace);
    FederationVerdicts.keptByUninstall("the namespace " + federationNamespace,
        federation.namespaceExistsOnManagement(federationNamespace));
  }

  @Encodes(verifies = "canary-upgrade-fed 11",
      observation = "the Federation CRDs read from the management cluster after the previous federation's uninstall")
  @Then("the Federation CRDs remain on the management cluster")
  public void federationCrdsRemain() {
    List<String> missing = federation.federation().missingCrds();
    FederationVerdicts.keptByUninstall("the CRDs " + missing, missing.isEmpty());
  }

  @Encodes(performs = "canary-upgrade-fed 11")
  @Then("the federated virtual service {string} in {string} remains on the management cluster")
  public void federatedVirtualServiceRemains(String name, String namespace) {
    FederationVerdicts.keptByUninstall("the FederatedVirtualService " + namespace + "/" + name,
        federation.federatedVirtualServices().exists(namespace, name));
  }

  @Encodes(verifies = {"canary-upgrade-fed 11", "rollback 4"},
      observation = "the namespace read from the remote until it is gone (one left Terminating fails the step)")
  @When("the namespace {string} is deleted from {string}")
  public void namespaceIsDeletedFrom(String namespace, String cluster) {
    federation.deleteNamespace(cluster, versions.namespace(namespace));
  }

  private void versionIsSet(String variable, String version) {
    Evidence.documentedCommand("export " + variable + "=" + version);
    GlooEdge management = federation.management();
    management.charts().add(Edition.FEDERATION);
    management.charts().requireOffered(Edition.FEDERATION, version);
    management.charts().add(Edition.ENTERPRISE);
    management.charts().requireOffered(Edition.ENTERPRISE, version);
  }
}
