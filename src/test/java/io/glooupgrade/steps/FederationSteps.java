package io.glooupgrade.steps;

import io.glooupgrade.evidence.Encodes;
import io.glooupgrade.evidence.Observed;
import io.glooupgrade.gloo.canary.CanaryNamespace;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.gloo.federation.ClusterRegistration;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.federation.FederatedVirtualServices;
import io.glooupgrade.gloo.federation.FederatedVirtualServices.Placement;
import io.glooupgrade.gloo.federation.Federation;
import io.glooupgrade.gloo.federation.FederationVerdicts;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.canary.NamespaceDeletion;
import io.glooupgrade.gloo.install.Petstore;
import io.glooupgrade.gloo.federation.PlacedVirtualService;
import io.glooupgrade.gloo.canary.RetryOption;
import io.glooupgrade.gloo.checks.UpgradeVerdicts;
import java.util.HashMap;
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

  /** Where the remotes' Gloo Edge is registered from and placed into (glooctl's --remote-namespace default). */
  private static final String REMOTE_NAMESPACE = "gloo-system";

  private final ScenarioState state;
  /** The Gloo Edge Enterprise each remote runs: its namespace (gateway, glooctl check) and its version. */
  private final Map<String, GlooInstallation> remoteGloo = new HashMap<>();

  public FederationSteps(ScenarioState state) {
    this.state = state;
  }

  @Encodes(performs = {"canary-upgrade-fed 1", "canary-upgrade-fed 2"})
  @Given("the licence key and the new version are set")
  public void licenceKeyAndNewVersionAreSet() {
    Evidence.documentedCommand("export LICENSE_KEY=<licence key, not shown>");
    state.target().licenceKey().orElseThrow(() -> new AssertionError(
        "Gloo Edge Federation needs a licence key: set the environment variable LICENSE_KEY"));
    versionIsSet("NEW_VERSION", state.versions().next());
  }

  @Encodes(performs = "rollback 1")
  @Given("the rollback version is set")
  public void rollbackVersionIsSet() {
    versionIsSet("ROLLBACK_VERSION", state.versions().rollback());
  }

  @Encodes(verifies = {"canary-upgrade-fed 5", "rollback 2"},
      observation = Observed.ROLLED_OUT)
  @Given("^Gloo Edge Federation at the (current|new|rollback) version is installed with Helm in \"([^\"]*)\""
      + "(?: of the management cluster)?$")
  public void federationIsInstalled(String which, String namespace) {
    GlooEdge management = management();
    management.addRepository(Edition.FEDERATION);
    GlooInstallation federation = management.installation(Edition.FEDERATION, namespace(namespace), version(which));
    state.install(managementRole(), federation);
    state.installation(federation);
  }

  @Encodes(verifies = {"canary-upgrade-fed 7", "rollback 4"},
      observation = Observed.ROLLED_OUT)
  @Given("^Gloo Edge Enterprise at the (current|new|rollback) version is installed with Helm in \"([^\"]*)\" of "
      + "\"([^\"]*)\"$")
  public void enterpriseIsInstalledOnRemote(String which, String namespace, String remote) {
    GlooEdge cluster = state.gloo(remote);
    cluster.addRepository(Edition.ENTERPRISE);
    // The remotes run the Enterprise release with the federation's number (the guide's step 7).
    GlooInstallation enterprise = cluster.installation(Edition.ENTERPRISE, namespace(namespace), version(which));
    state.install(remote, enterprise);
    remoteGloo.put(remote, enterprise);
  }

  @Given("the petstore runs on {string}")
  public void thePetstoreRunsOn(String remote) {
    var client = state.gloo(remote).client();
    Petstore.deploy(client);
    state.cleanup().push("kubectl delete -f petstore.yaml --context " + context(remote), () -> Petstore.remove(client));
    for (var upstream : Petstore.upstreamWithoutDiscovery(client, REMOTE_NAMESPACE)) {
      state.cleanup().push("kubectl delete upstream " + upstream.getMetadata().getName() + " -n " + REMOTE_NAMESPACE
          + " --context " + context(remote), () -> client.resource(upstream).delete());
    }
  }

  @Encodes(performs = {"canary-upgrade-fed 7", "rollback 4"})
  @Given("{string} is registered with the Gloo Edge Federation in {string}")
  public void remoteIsRegistered(String remote, String federationNamespace) {
    String federation = namespace(federationNamespace);
    registration().register(remote, state.gloo(remote), context(remote), federation, REMOTE_NAMESPACE);
    state.cleanup().push("glooctl cluster deregister --cluster-name " + remote + " --federation-namespace " + federation,
        () -> registration().deregister(remote, state.gloo(remote), federation, REMOTE_NAMESPACE));
  }

  @Encodes(performs = {"canary-upgrade-fed 3", "rollback 2"})
  @When("^the gloo-fed Helm chart of the (new|rollback) version is pulled$")
  public void federationChartIsPulled(String which) {
    String version = version(which);
    String pulled = federation().pullChart(version);
    if (!pulled.equals(version)) {
      throw new AssertionError("helm pull gloo-fed/gloo-fed --version " + version + " returned the chart of " + pulled);
    }
  }

  @Encodes(performs = {"canary-upgrade-fed 4", "rollback 6"})
  @When("^the Gloo Edge Federation CRDs of the (new|rollback) version are applied to the management cluster$")
  public void federationCrdsAreApplied(String which) {
    federation().applyCrds(version(which));
  }

  @Encodes(performs = "canary-upgrade-fed 8")
  @Given("the guide's federated virtual service {string} is applied in {string}")
  public void guidesFederatedVirtualServiceIsApplied(String name, String namespace) {
    applyFederatedVirtualService(guideExample(name, namespace));
  }

  @Encodes(performs = "rollback 3")
  @When("^the federated virtual service \"([^\"]*)\" in \"([^\"]*)\" is reverted to the guide's example without "
      + "(\\w+)$")
  public void federatedVirtualServiceIsReverted(String name, String namespace, String field) {
    applyFederatedVirtualService(FederatedVirtualServices.without(guideExample(name, namespace), field));
  }

  @Encodes(performs = "rollback 3")
  @Then("the federated virtual service {string} in {string} no longer sets {word}")
  public void federatedVirtualServiceNoLongerSets(String name, String namespace, String field) {
    if (federatedVirtualServices().specSets(namespace, name, field)) {
      throw new AssertionError("FederatedVirtualService " + namespace + "/" + name + " still sets " + field);
    }
  }

  @Encodes(verifies = {"canary-upgrade-fed 9", "rollback 3"},
      observation = "the FederatedVirtualService's status as gloo-fed wrote it on the management cluster: the "
          + "placement state per federation namespace")
  @Then("the federated virtual service {string} in {string} is placed as follows:")
  public void federatedVirtualServiceIsPlaced(String name, String namespace, DataTable table) {
    List<Placement> expected = table.asMaps().stream().map(row -> new Placement(
        namespace(row.get("federation namespace")), row.get("cluster"), row.get("namespace"), row.get("state"), null))
        .toList();
    federatedVirtualServices().awaitPlacements(namespace, name, expected);
  }

  @Encodes(performs = "rollback 3")
  @Then("the VirtualService {string} placed in {string} of {string} retries {int} times, without retryBackOff")
  public void placedVirtualServiceRetriesWithoutBackOff(String name, String namespace, String remote, int retries) {
    FederationVerdicts.retriesWithoutBackOff(placed(name, namespace, remote), remote, retries);
  }

  @Encodes(verifies = "canary-upgrade-fed 9",
      observation = "the VirtualService gloo-fed placed on the remote, read from that remote's API: its retries, and "
          + "retryBackOff only where the remote's CRDs know it")
  @Then("the VirtualService {string} placed in {string} of {string} retries {int} times, with retryBackOff from "
      + "{string} to {string} only if its version knows it")
  public void placedVirtualServiceRetriesAsItsVersionKnows(String name, String namespace, String remote, int retries,
      String baseInterval, String maxInterval) {
    GlooInstallation gloo = remote(remote);
    Evidence.text("what " + remote + " knows", remote + " runs Gloo Edge Enterprise " + gloo.version()
        + " (Gloo Edge " + gloo.ossVersion() + "); retryBackOff exists from " + RetryOption.RETRY_BACK_OFF.since()
        + " on, so the placed VirtualService must retry " + retries + " times "
        + (RetryOption.RETRY_BACK_OFF.isKnownBy(gloo.ossVersion()) ? "with" : "without") + " it");
    FederationVerdicts.retriesAsItsVersionKnows(placed(name, namespace, remote), remote, gloo.ossVersion(), retries,
        baseInterval, maxInterval);
  }

  @Encodes(performs = "canary-upgrade-fed 11")
  @Then("the VirtualService {string} placed in {string} of {string} remains there")
  public void placedVirtualServiceRemains(String name, String namespace, String remote) {
    if (placed(name, namespace, remote).isEmpty()) {
      throw new AssertionError("VirtualService " + namespace + "/" + name + " is gone from " + remote
          + ", though glooctl cluster deregister leaves custom resources in place");
    }
  }

  @Encodes(performs = {"canary-upgrade-fed 11", "rollback 4"})
  @Then("the VirtualService {string} is gone from {string} with its namespace {string}")
  public void placedVirtualServiceIsGone(String name, String remote, String namespace) {
    PlacedVirtualService.awaitGoneWithNamespace(state.gloo(remote).client(), remote, namespace, name);
  }

  @Encodes(verifies = {"canary-upgrade-fed 10", "rollback 7"},
      observation = Observed.ROUTE)
  @Then("the petstore lists the pets at {string} through the gateway of {string}")
  public void petstoreListsThePetsThroughTheGatewayOf(String path, String remote) {
    Petstore.awaitListed(state.gloo(remote).gatewayUrl(remoteGloo(remote)), path, "the gateway of " + remote);
  }

  @Encodes(verifies = {"canary-upgrade-fed 10", "rollback 7"},
      observation = Observed.GLOOCTL_CHECK)
  @Then("glooctl check reports no problems on {string}")
  public void glooctlCheckReportsNoProblemsOn(String remote) {
    UpgradeVerdicts.noProblems(state.gloo(remote).checkOnceSettled(remoteGloo(remote)));
  }

  @Encodes(performs = "canary-upgrade-fed 6")
  @Then("^Gloo Edge Federation runs at the current version in \"([^\"]*)\" and at the new version in \"([^\"]*)\"$")
  public void bothFederationsRun(String currentNamespace, String newNamespace) {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(namespace(currentNamespace), state.versions().current());
    expected.put(namespace(newNamespace), state.versions().next());
    expected.forEach((namespace, version) -> {
      federation().getAll(namespace);
      management().awaitRolledOut(management().installation(Edition.FEDERATION, namespace, version));
      UpgradeVerdicts.everyPodRuns(namespace, management().glooPods(namespace), Set.of(version));
    });
    FederationVerdicts.onlyFederations(federation().running(), expected);
  }

  @Encodes(verifies = {"canary-upgrade-fed 11", "rollback 5"},
      observation = "the gloo-fed Deployments of every namespace of the management cluster and their pods' image tags")
  @Then("^only the Gloo Edge Federation in \"([^\"]*)\" runs on the management cluster, at the "
      + "(current|new|rollback) version$")
  public void onlyOneFederationRuns(String namespace, String which) {
    FederationVerdicts.onlyFederations(federation().running(), Map.of(namespace(namespace), version(which)));
  }

  @Encodes(performs = {"canary-upgrade-fed 11", "rollback 4"})
  @When("{string} is deregistered from the Gloo Edge Federation in {string}")
  public void remoteIsDeregistered(String remote, String federationNamespace) {
    registration().deregister(remote, state.gloo(remote), namespace(federationNamespace), REMOTE_NAMESPACE);
  }

  @Encodes(performs = {"canary-upgrade-fed 11", "rollback 4"})
  @Then("{string} is no longer registered with the Gloo Edge Federation in {string}")
  public void remoteIsNoLongerRegistered(String remote, String federationNamespace) {
    String federation = namespace(federationNamespace);
    federation().registeredClusters(federation);
    FederationVerdicts.deregistered(remote, federation, registration().remaining(remote, state.gloo(remote).client(),
        federation, REMOTE_NAMESPACE));
  }

  @Encodes(performs = {"canary-upgrade-fed 11", "rollback 5"})
  @When("the Gloo Edge Federation in {string} is uninstalled with glooctl")
  public void federationIsUninstalled(String namespace) {
    String federationNamespace = namespace(namespace);
    federation().uninstall(state.installationIn(federationNamespace));
    state.forget(federationNamespace);
  }

  @Encodes(verifies = "canary-upgrade-fed 11",
      observation = "the Deployments and pods left in the uninstalled federation's namespace, read from the "
          + "management cluster")
  @Then("no Gloo Edge Federation runs in {string} of the management cluster")
  public void noFederationRunsIn(String namespace) {
    String federationNamespace = namespace(namespace);
    FederationVerdicts.uninstalled(federationNamespace, federation().releaseInstalledIn(federationNamespace),
        federation().running());
  }

  @Encodes(performs = "canary-upgrade-fed 11")
  @Then("the namespace {string} remains on the management cluster")
  public void namespaceRemains(String namespace) {
    String federationNamespace = namespace(namespace);
    FederationVerdicts.keptByUninstall("the namespace " + federationNamespace,
        management().client().namespaces().withName(federationNamespace).get() != null);
  }

  @Encodes(verifies = "canary-upgrade-fed 11",
      observation = "the Federation CRDs read from the management cluster after the previous federation's uninstall")
  @Then("the Federation CRDs remain on the management cluster")
  public void federationCrdsRemain() {
    List<String> missing = federation().missingCrds();
    FederationVerdicts.keptByUninstall("the CRDs " + missing, missing.isEmpty());
  }

  @Encodes(performs = "canary-upgrade-fed 11")
  @Then("the federated virtual service {string} in {string} remains on the management cluster")
  public void federatedVirtualServiceRemains(String name, String namespace) {
    FederationVerdicts.keptByUninstall("the FederatedVirtualService " + namespace + "/" + name,
        federatedVirtualServices().exists(namespace, name));
  }

  @Encodes(verifies = {"canary-upgrade-fed 11", "rollback 4"},
      observation = "the namespace read from the remote until it is gone (one left Terminating fails the step)")
  @When("the namespace {string} is deleted from {string}")
  public void namespaceIsDeletedFrom(String namespace, String cluster) {
    var client = state.gloo(cluster).client();
    var leftBehind = NamespaceDeletion.delete(client, context(cluster), namespace(namespace));
    if (!leftBehind.isEmpty()) {
      state.cleanup().push("kubectl delete the cluster-scoped objects " + namespace(namespace) + " left on " + cluster,
          () -> NamespaceDeletion.removeLeftovers(client, leftBehind));
    }
  }

  private void applyFederatedVirtualService(GenericKubernetesResource fvs) {
    String namespace = fvs.getMetadata().getNamespace();
    String name = fvs.getMetadata().getName();
    boolean createdNamespace = federatedVirtualServices().apply(fvs);
    if (createdNamespace) {
      state.cleanup().push("kubectl delete ns " + namespace,
          () -> management().client().namespaces().withName(namespace).delete());
    }
    state.cleanup().push("kubectl delete federatedvirtualservice -n " + namespace + " " + name,
        () -> federatedVirtualServices().delete(namespace, name));
  }

  private void versionIsSet(String variable, String version) {
    Evidence.documentedCommand("export " + variable + "=" + version);
    management().addRepository(Edition.FEDERATION);
    management().requireOffered(Edition.FEDERATION, version);
    management().addRepository(Edition.ENTERPRISE);
    management().requireOffered(Edition.ENTERPRISE, version);
  }

  // The feature names the guide's example; a different name would be a typo, not another resource.
  private static GenericKubernetesResource guideExample(String name, String namespace) {
    var fvs = FederatedVirtualServices.guideExample(namespace);
    if (!fvs.getMetadata().getName().equals(name)) {
      throw new IllegalArgumentException("the guide's example is " + fvs.getMetadata().getName() + ", not " + name);
    }
    return fvs;
  }

  private Optional<PlacedVirtualService> placed(String name, String namespace, String remote) {
    return PlacedVirtualService.read(state.gloo(remote).client(), remote, namespace, name);
  }

  /**
   * The guide's namespace names with its variables filled in, gloo-system-$NEW_VERSION and
   * gloo-system-$ROLLBACK_VERSION, as namespace names allow them (dots as dashes).
   */
  private String namespace(String guideName) {
    return guideName.replace("gloo-system-$NEW_VERSION", CanaryNamespace.of(state.versions().next()))
        .replace("gloo-system-$ROLLBACK_VERSION", CanaryNamespace.of(state.versions().rollback()));
  }

  private String version(String which) {
    return switch (which) {
      case "current" -> state.versions().current();
      case "new" -> state.versions().next();
      case "rollback" -> state.versions().rollback();
      default -> throw new IllegalArgumentException("no version '" + which + "'");
    };
  }

  private String remoteGloo(String remote) {
    return remote(remote).namespace();
  }

  private GlooInstallation remote(String remote) {
    GlooInstallation gloo = remoteGloo.get(remote);
    if (gloo == null) {
      throw new IllegalStateException("no Gloo Edge Enterprise was installed on " + remote + " in this scenario");
    }
    return gloo;
  }

  private String managementRole() {
    return state.clusterRoles().get(0);
  }

  private GlooEdge management() {
    return state.gloo(managementRole());
  }

  private String context(String role) {
    return state.target().cluster(role).name();
  }

  private Federation federation() {
    return new Federation(management());
  }

  private FederatedVirtualServices federatedVirtualServices() {
    return new FederatedVirtualServices(management().client());
  }

  private ClusterRegistration registration() {
    return new ClusterRegistration(management());
  }
}
