package io.glooupgrade.selftest.matrix;

import io.glooupgrade.embedded.faults.Faults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The fault matrix, declared in this one place: which fault of the twin meets which scenario, where
 * the scenario must catch it and with which words, and which checks no fault can reach.
 *
 * <p>A fault applies to a scenario when the scenario exercises what the fault breaks. Where both
 * editions of an outline would catch a fault the same way, one edition is run; each row's
 * {@code why} says why it is there. Short timeouts per row keep a faulty run from waiting long.
 */
public final class FaultMatrix {

  static final MatrixScenario PREPARE = new MatrixScenario("upgrade-steps.feature",
      "Prepare to upgrade (Upgrade Steps, step 1)", "Upgrade Steps 1: prepare");
  static final MatrixScenario REVIEW = new MatrixScenario("upgrade-steps.feature",
      "Review the CRD and Helm changes of the new version (Upgrade Steps, step 2)", "Upgrade Steps 2: review changes");
  static final MatrixScenario GLOOCTL = new MatrixScenario("upgrade-steps.feature",
      "glooctl at the new version before the upgrade (Upgrade Steps, step 3)", "Upgrade Steps 3: glooctl");
  static final MatrixScenario CRDS = new MatrixScenario("upgrade-steps.feature",
      "The minor version's changes are applied before the upgrade (Upgrade Steps, step 4)", "Upgrade Steps 4: CRDs");
  static final MatrixScenario UPGRADE = new MatrixScenario("upgrade-steps.feature",
      "CRDs first, then the Helm upgrade with the values in use (Upgrade Steps, steps 4 and 5)",
      "Upgrade Steps 4-5: Helm upgrade");
  static final MatrixScenario WITHOUT_PROBES = new MatrixScenario("upgrade-steps.feature",
      "Without Envoy's probes the in-place upgrade drops requests, as the guide warns (Upgrade Steps, steps 1 and 5)",
      "Upgrade Steps 1, 5: no probes, outage seen");
  static final MatrixScenario WITH_PROBES = new MatrixScenario("upgrade-steps.feature",
      "With Envoy's probes enabled first, the in-place upgrade drops no request (Upgrade Steps, steps 1 and 5)",
      "Upgrade Steps 1, 5: probes on, zero downtime");
  static final MatrixScenario PATH = new MatrixScenario("upgrade-path.feature",
      "From the current version to the new one, through the latest patch of every minor between "
          + "(Upgrade Steps, steps 1 to 5, hop by hop)", "Upgrade path, hop by hop");
  static final MatrixScenario CANARY = new MatrixScenario("canary-upgrade.feature",
      "The new version runs beside the current one, then takes over (Canary upgrade, steps 1 to 8)",
      "Canary upgrade 1-8");
  static final MatrixScenario CANARY_TRAFFIC = new MatrixScenario("canary-upgrade.feature",
      "Traffic moved to the new version before the current one is uninstalled loses no request "
          + "(Canary upgrade, steps 2 to 8)", "Canary upgrade 2-8: zero downtime");
  static final MatrixScenario ROLLBACK = new MatrixScenario("rollback.feature",
      "The rollback version is installed again beside the new one and takes over "
          + "(Roll back a canary upgrade, steps 1 to 7)", "Rollback 1-7");
  static final MatrixScenario FEDERATION_CANARY = new MatrixScenario("canary-upgrade-federation.feature",
      "The new federation is tested beside the previous one, then takes over "
          + "(Federation canary upgrade, steps 1 to 11)", "Federation canary upgrade 1-11");
  static final MatrixScenario FEDERATION_ROLLBACK = new MatrixScenario("rollback-federation.feature",
      "Gloo Edge Federation goes back to the rollback version, canary style "
          + "(Roll back a canary upgrade, steps 1 to 7, Federation)", "Federation rollback 1-7");

  private static final String PLACED_ON = "And the VirtualService \"my-vs\" placed in \"gloo-system\" of ";
  private static final String RETRIES_AS_KNOWN = " retries 10 times, with retryBackOff from \"1s\" to \"3s\" only if "
      + "its version knows it";
  private static final Map<String, String> FAST_ROLLOUT = Map.of("harness.timeout.rollout", "3",
      "harness.timeout.helm", "15");
  private static final Map<String, String> PATH_1_16 = Map.of("harness.current.version", "1.16.27",
      "harness.new.version", "1.19.20");
  private static final String EVERY_HOP = "When every hop of the path is performed: review, CRDs, Helm upgrade with "
      + "the values in use, rollout, glooctl check and routes";
  private static final Map<String, String> FAST_CHECK = Map.of("harness.timeout.check", "3");
  private static final Map<String, String> FAST_ROUTE = Map.of("harness.timeout.route", "3");

  private FaultMatrix() {
  }

  public static List<MatrixRow> rows() {
    return List.of(
        // Upgrade Steps
        row("crashLoopingGloo(1.18.41)", () -> Faults.none().crashLoopingGloo("1.18.41"), PREPARE, "oss",
            Map.of("harness.current.version", "1.18.40", "harness.timeout.rollout", "3"),
            "When the upgrade from the current to the new version is prepared", "gloo 1.18.41 exited", "HelmService",
            "step 1.1 upgrades an older patch to the latest one first: a broken latest patch must stop it there (the "
                + "chart's post-upgrade check waits for gloo, so Helm fails, saying why the pod does not run)"),
        row("probesOnByDefaultInCharts", () -> Faults.none().probesOnByDefaultInCharts(), PREPARE, "oss", Map.of(),
            "And the preparation warns that the gateway-proxy probes are off, as they are by default", "probes",
            "PreparationVerdicts",
            "the preparation claims the probes are off by default; charts that turn them on must contradict it"),
        row("chartMissingCrd(1.19.20, virtualservices)",
            () -> Faults.none().chartMissingCrd("1.19.20", "virtualservices.gateway.solo.io"), REVIEW, "oss", Map.of(),
            "Then no CRD that the new version removes still holds custom resources",
            "virtualservices.gateway.solo.io: 1 left (gloo-system/default)", "PreparationVerdicts",
            "step 2 reviews removed CRDs: one that still holds the petstore's VirtualService must be named"),
        row("chartMissingCrd(1.19.20, virtualservices)",
            () -> Faults.none().chartMissingCrd("1.19.20", "virtualservices.gateway.solo.io"), CRDS, "oss", Map.of(),
            "And the CRDs the new version removes are deleted", "removes CRDs that still hold custom resources",
            "RemovedCrds", "step 4 deletes removed CRDs: it must refuse to delete one that still holds resources"),
        row("warnOnVirtualServicesAt(1.18.41)", () -> Faults.none().warnOnVirtualServicesAt("1.18.41"), GLOOCTL, "oss",
            FAST_CHECK, "And glooctl check reports no problems",
            "Found warning VirtualService by 'gloo-system': gloo-system.default", "UpgradeVerdicts",
            "step 3 runs glooctl check before upgrading: a warning (traffic still flows) must count as a problem"),
        row("refuseTrafficFor(60 s)", () -> Faults.none().refuseTrafficFor(Duration.ofSeconds(60)), REVIEW, "oss",
            FAST_ROUTE, "And the petstore is routed at \"/all-pets\"", "HTTP 503", "RouteCheck",
            "every gateway down (503) for longer than the scenario: its setup's route test must fail, whatever "
                + "the scenario; the zero-downtime rows meet short outages"),
        row("proxiesRejectConfiguration", () -> Faults.none().proxiesRejectConfiguration(), GLOOCTL, "oss",
            FAST_ROUTE, "And the petstore is routed at \"/all-pets\"", "/all-pets", "RouteCheck",
            "the lying check: every status Accepted, Envoy refuses all; the route test of the setup must see it"),
        row("crashLoopingGloo(1.19.20)", () -> Faults.none().crashLoopingGloo("1.19.20"), UPGRADE, "oss", FAST_ROLLOUT,
            "And the Helm release is upgraded to the new version with the values in use", "gloo 1.19.20 exited",
            "HelmService", "step 5 upgrades in place: a new gloo that crash-loops must stop the upgrade (the chart's "
                + "post-upgrade check waits for it, so Helm fails, saying why the pod does not run)"),
        row("rejectVirtualServicesAt(1.19.20)", () -> Faults.none().rejectVirtualServicesAt("1.19.20"), UPGRADE, "oss",
            FAST_CHECK, "And glooctl check reports no problems", "Found rejected VirtualService", "UpgradeVerdicts",
            "after step 5 the new control plane judges the existing VirtualService: a rejection must be reported"),
        row("proxiesRejectConfigurationAt(1.19.20)", () -> Faults.none().proxiesRejectConfigurationAt("1.19.20"),
            UPGRADE, "oss", Map.of("harness.timeout.check", "3", "harness.timeout.route", "3"),
            "And \"/all-pets\" still lists the pets", "/all-pets", "RouteCheck",
            "the lying check after the upgrade: statuses Accepted, the new Envoy NACKs every update; glooctl check "
                + "reads its counters, which no longer grow once settled, so the route test must catch it"),
        row("expireLicences", () -> Faults.none().expireLicences(), UPGRADE, "enterprise", FAST_ROLLOUT,
            "Given Gloo Edge at the current version is installed with Helm in \"gloo-system\"",
            "License is invalid or expired", "HelmService", "Enterprise only: an expired licence stops gloo-ee at "
                + "install (Helm's post-install check waits for it)"),
        row("hookJobScriptFails(1.19.20, gloo-resource-migration)",
            () -> Faults.none().hookJobScriptFails("1.19.20", "gloo-resource-migration"), UPGRADE, "oss", Map.of(),
            "And the Helm release is upgraded to the new version with the values in use",
            "gloo-resource-migration cannot go on", "HelmService",
            "step 5's helm upgrade runs the chart's pre-upgrade hook Jobs: one whose script fails must stop the upgrade "
                + "as a procedure failure, with the Job's log"),
        row("rolloutCleanupCannotDeleteJobs(1.19.20)", () -> Faults.none().rolloutCleanupCannotDeleteJobs("1.19.20"),
            UPGRADE, "oss", Map.of(), "And the Helm release is upgraded to the new version with the values in use",
            "cannot delete resource \"jobs\" in API group \"batch\"", "HelmService",
            "a hook Job's account lacking a right it needs: Forbidden in its log, and the upgrade stops"),
        row("certgenNotRun(1.18.41)", () -> Faults.none().certgenNotRun("1.18.41"), REVIEW, "oss",
            Map.of("harness.values.file", SampleFiles.path("rollout-job-timeout-2s.yaml")),
            "Given Gloo Edge at the current version is installed with Helm in \"gloo-system\"",
            "secret \"gateway-validation-certs\" not found", "HelmService",
            "without certgen the gloo pod cannot mount its certificate Secret and stays ContainerCreating: the "
                + "install's post-install check must fail, saying so"),
        row("settingsNotRendered(1.18.41)", () -> Faults.none().settingsNotRendered("1.18.41"), REVIEW, "oss",
            Map.of("harness.values.file", SampleFiles.path("rollout-job-timeout-2s.yaml")),
            "Given Gloo Edge at the current version is installed with Helm in \"gloo-system\"",
            "Readiness probe failed: dial tcp", "HelmService",
            "a chart without its Settings: gloo waits for them and never binds xDS, its tcpSocket probe fails, and "
                + "the install's post-install check must fail, showing the probe's failure"),
        row("glooImageNotBumped(1.19.20, 1.18.41)", () -> Faults.none().glooImageNotBumped("1.19.20", "1.18.41"),
            UPGRADE, "oss", Map.of(), "Then every Gloo Edge pod runs the image tag of the new version",
            "not at image tag 1.19.20", "UpgradeVerdicts",
            "a chart that forgot to bump gloo's image: Helm upgrades and everything rolls out, but gloo runs the old "
                + "release; step 5.2's look at the pods' images must see it"),
        row("glooImageNotBumped(1.18.41, 1.18.40)", () -> Faults.none().glooImageNotBumped("1.18.41", "1.18.40"),
            PREPARE, "oss", Map.of(), "Then every Gloo Edge pod runs the latest patch of the current minor",
            "not at image tag 1.18.41", "UpgradeVerdicts",
            "step 1.1's upgrade to the latest patch, with a chart that forgot to bump gloo's image: it rolls out, "
                + "and the look at the pods' images must see gloo still at the older patch"),
        row("glooImageNotBumped(1.19.20, 1.18.41)", () -> Faults.none().glooImageNotBumped("1.19.20", "1.18.41"),
            CANARY, "oss", Map.of(), "Then the current and the new version are both running",
            "not at image tag 1.19.20", "CanaryUpgrade",
            "canary step 5: the new version's namespace runs, but its gloo is the old release's image"),
        row("webhookTrustsAnotherCa(1.18.41)", () -> Faults.none().webhookTrustsAnotherCa("1.18.41"), REVIEW, "oss",
            Map.of(), "Given Gloo Edge at the current version is installed with Helm in \"gloo-system\"",
            "x509: certificate signed by unknown authority", "HelmService", "a webhook whose caBundle is not gloo's "
                + "CA, under failurePolicy Fail: the API refuses the chart's own Gateways with the TLS error, so the "
                + "rollout Job fails and the install with it, its log saying why"),
        recovers("certgenJobWithoutHook", () -> Faults.none().certgenJobWithoutHook(), UPGRADE, "oss",
            "CompletedCertgenJob", "step 5's note: the immutable completed Job is deleted and the upgrade applied again"),
        row("proxiesReadyBeforeServing", () -> Faults.none().proxiesReadyBeforeServing(), WITH_PROBES, "oss",
            Map.of(), "Then no request failed during the upgrade", "requests failed during the upgrade",
            "TrafficVerdicts", "a proxy Ready before it serves defeats the probes: the dropped requests must show"),
        row("slowGateways(1200 ms)", () -> Faults.none().slowGateways(Duration.ofMillis(1200)), WITH_PROBES, "oss",
            Map.of(), "And the latency p99 stayed under 1000 ms", "p99", "TrafficVerdicts",
            "every answer slow, none failed: only the latency check can see it"),
        row("probesOnByDefaultInCharts", () -> Faults.none().probesOnByDefaultInCharts(), WITHOUT_PROBES, "oss",
            Map.of(), "Then requests failed while the gateway proxies restarted, as the guide warns without probes",
            "did not see the outage", "TrafficVerdicts",
            "the guide's warned outage is gone with probes on: the check that claims to see it must fail"),
        // The documented path, 1.16 to 1.19 in three hops
        row("chartMissingCrd(1.18.41, virtualservices)",
            () -> Faults.none().chartMissingCrd("1.18.41", "virtualservices.gateway.solo.io"), PATH, "oss", PATH_1_16,
            EVERY_HOP, "stopped at hop 2 of 3: 1.17.38 -> 1.18.41 (latest patch of 1.18), Upgrade Steps 4.2.1",
            "PathUpgrade", "a minor in the middle of the path whose chart lost a CRD that still holds the petstore's "
                + "VirtualService: the path must stop at that hop, before its Helm upgrade, naming it"),
        row("glooImageNotBumped(1.17.38, 1.17.37)", () -> Faults.none().glooImageNotBumped("1.17.38", "1.17.37"),
            PATH, "oss", PATH_1_16, EVERY_HOP,
            "stopped at hop 1 of 3: 1.16.27 -> 1.17.38 (latest patch of 1.17), Upgrade Steps 5.2", "PathUpgrade",
            "the first hop's chart forgot to bump gloo's image: it rolls out, and that hop's look at the pods' "
                + "images must see gloo at the older release"),
        // Canary upgrade
        row("rejectVirtualServicesAt(1.19.20)", () -> Faults.none().rejectVirtualServicesAt("1.19.20"), CANARY, "oss",
            FAST_ROUTE, "And \"/all-pets\" lists the pets through the new version's gateway",
            "does not serve the petstore at /all-pets", "RouteCheck",
            "the canary proves itself by traffic through its own gateway before taking over"),
        row("warnOnVirtualServicesAt(1.19.20)", () -> Faults.none().warnOnVirtualServicesAt("1.19.20"), CANARY, "oss",
            FAST_CHECK, "And glooctl check reports no problems for the new version", "Found warning VirtualService",
            "UpgradeVerdicts", "traffic flows through the canary, so only its glooctl check can see the warning"),
        row("keepDeploymentsOnUninstall(1.18.41)", () -> Faults.none().keepDeploymentsOnUninstall("1.18.41"), CANARY,
            "oss", FAST_ROLLOUT, "Then no Gloo Edge deployment is left in the current version's namespace",
            "left Gloo Edge Deployments running", "UninstallRemains",
            "step 8: glooctl uninstall must stop the current version, whose control plane would go on writing "
                + "statuses beside the new one's"),
        row("cleanupJobDeletesUsersResources(1.18.41)", () -> Faults.none().cleanupJobDeletesUsersResources("1.18.41"),
            CANARY, "oss", Map.of(), "And the custom resources in the current version's namespace remain", "were deleted",
            "UninstallRemains",
            "step 8: the chart's pre-delete Job must not take the users' VirtualServices and Upstreams with it"),
        row("oldWebhookRejectsNewFields", () -> Faults.none().oldWebhookRejectsNewFields(), CANARY, "oss",
            Map.of("harness.current.version", "1.19.20", "harness.new.version", "1.20.22"),
            "When the petstore VirtualService gains \"/canary-pets\" with the retry options of the new version",
            "rateLimitedRetryBackOff", "CanaryRoute",
            "from 1.19 to 1.20 the canary sets rateLimitedRetryBackOff (new in 1.20) while the current gloo's "
                + "webhook still validates every VirtualService; the defaults (1.18 to 1.19) add no field 1.18 "
                + "rejects, so this row sets the versions"),
        row("crashLoopingGloo(1.19.9)", () -> Faults.none().crashLoopingGloo("1.19.9"), CANARY, "enterprise",
            FAST_ROLLOUT, "And glooctl installs the gateway at the new version in its own namespace",
            "gloo 1.19.9 exited", "CanaryUpgrade", "Enterprise: gloo-ee of the new version crash-loops beside the "
                + "running current one; the chart's post-install check waits for it, so the install fails, saying why"),
        row("loadBalancersBlipWhenAServiceGoes(300 ms)",
            () -> Faults.none().loadBalancersBlipWhenAServiceGoes(Duration.ofMillis(300)), CANARY_TRAFFIC, "oss",
            Map.of(), "Then no request failed during the upgrade",
            "during \"And glooctl uninstalls the current version\"", "TrafficVerdicts",
            "uninstalling the old version removes its LoadBalancer Service: a blip must show on the canary's traffic"),
        // Rollback
        row("crashLoopingGloo(1.18.40)", () -> Faults.none().crashLoopingGloo("1.18.40"), ROLLBACK, "oss",
            Map.of("harness.rollback.version", "1.18.40", "harness.timeout.rollout", "3"),
            "And glooctl installs the gateway at the rollback version in its own namespace",
            "gloo 1.18.40 exited", "CanaryUpgrade",
            "the rollback version (an older patch here, so the canary it starts from is intact) crash-loops; its "
                + "install fails on the chart's post-install check, saying why"),
        row("rejectVirtualServicesAt(1.18.13)", () -> Faults.none().rejectVirtualServicesAt("1.18.13"), ROLLBACK,
            "enterprise", Map.of("harness.enterprise.rollback.version", "1.18.13", "harness.timeout.route", "3"),
            "Then \"/all-pets\" lists the pets through the rollback version's gateway",
            "does not serve the petstore at /all-pets", "RouteCheck",
            "the rollback version must prove itself by traffic before the user relies on it"),
        row("keepDeploymentsOnUninstall(1.19.20)", () -> Faults.none().keepDeploymentsOnUninstall("1.19.20"), ROLLBACK,
            "oss", FAST_ROLLOUT, "Then no Gloo Edge deployment is left in the new version's namespace",
            "left Gloo Edge Deployments running", "UninstallRemains",
            "rollback step 5: the new version must stop once uninstalled, not serve beside the rollback version"),
        row("warnOnVirtualServicesAt(1.18.40)", () -> Faults.none().warnOnVirtualServicesAt("1.18.40"), ROLLBACK, "oss",
            Map.of("harness.rollback.version", "1.18.40", "harness.timeout.check", "3"),
            "And glooctl check reports no problems for the rollback version", "Found warning VirtualService",
            "UpgradeVerdicts", "traffic flows through the rollback version, so only its glooctl check sees a warning"),
        // Federation
        row("expireLicences", () -> Faults.none().expireLicences(), FEDERATION_CANARY, "federation", FAST_ROLLOUT,
            "Given Gloo Edge Federation at the current version is installed with Helm in \"gloo-system\" of the "
                + "management cluster", "License is invalid or expired", "GlooPods",
            "gloo-fed checks a licence of its own, in another pod than gloo-ee's: the Enterprise row does not cover it"),
        row("failPlacements", () -> Faults.none().failPlacements(), FEDERATION_CANARY, "federation", Map.of(),
            "Then the federated virtual service \"my-fed-vs\" in \"gloo-fed\" is placed as follows:",
            "failed to place resource", "FederatedVirtualServices",
            "step 9 reads the placement status: FAILED must not pass for PLACED"),
        row("rejectVirtualServicesAt(1.13.30)", () -> Faults.none().rejectVirtualServicesAt("1.13.30"),
            FEDERATION_CANARY, "federation", FAST_CHECK, "And glooctl check reports no problems on \"remote2\"",
            "Found rejected VirtualService", "UpgradeVerdicts",
            "step 10 tests the remote test cluster: the placed VirtualService rejected by the new version"),
        row("upstreamsWithoutEndpointsAt(1.13.30)", () -> Faults.none().upstreamsWithoutEndpointsAt("1.13.30"),
            FEDERATION_CANARY, "federation", FAST_ROUTE,
            "And the petstore lists the pets at \"/api/pets\" through the gateway of \"remote2\"", "/api/pets",
            "RouteCheck", "step 10 tests the remote test cluster by traffic too: glooctl check is clean there"),
        row("crashLoopingGloo(1.12.55)", () -> Faults.none().crashLoopingGloo("1.12.55"), FEDERATION_ROLLBACK,
            "federation", FAST_ROLLOUT,
            "When Gloo Edge Enterprise at the rollback version is installed with Helm in \"gloo-system\" of \"remote1\"",
            "gloo 1.12.55 exited", "HelmService", "step 4 installs the rollback version on a remote: it crash-loops, "
                + "and the chart's post-install check makes the install fail"),
        row("upstreamsWithoutEndpointsAt(1.12.55)", () -> Faults.none().upstreamsWithoutEndpointsAt("1.12.55"),
            FEDERATION_ROLLBACK, "federation", FAST_ROUTE,
            "And the petstore lists the pets at \"/api/pets\" through the gateway of \"remote1\"", "/api/pets",
            "RouteCheck", "step 7's final route test on the remote the rollback federation manages"),
        row("rejectVirtualServicesAt(1.12.55)", () -> Faults.none().rejectVirtualServicesAt("1.12.55"),
            FEDERATION_ROLLBACK, "federation", FAST_CHECK, "And glooctl check reports no problems on \"remote1\"",
            "Found rejected VirtualService", "UpgradeVerdicts",
            "step 7 checks the remote now managed by the rollback federation"),
        row("namespacesStuckTerminating", () -> Faults.none().namespacesStuckTerminating(), FEDERATION_CANARY,
            "federation", FAST_ROLLOUT, "When the namespace \"gloo-system\" is deleted from \"remote1\"",
            "phase Terminating\n  NamespaceFinalizersRemaining: Some content in the namespace has finalizers remaining",
            "NamespaceDeletion", "step 11.3 deletes the previous version's namespace, which must go, not hang "
                + "Terminating on a finalizer nobody removes"),
        row("federationChartTemplatesCrds(1.12.55)", () -> Faults.none().federationChartTemplatesCrds("1.12.55"),
            FEDERATION_CANARY, "federation", Map.of(), "And the Federation CRDs remain on the management cluster",
            "the CRD", "FederationVerdicts", "step 11: uninstalling the previous federation must "
                + "leave the CRDs and the federated resources the new one manages"),
        row("keepDeploymentsOnUninstall(1.12.55)", () -> Faults.none().keepDeploymentsOnUninstall("1.12.55"),
            FEDERATION_CANARY, "federation", Map.of(),
            "Then no Gloo Edge Federation runs in \"gloo-system\" of the management cluster", "but its controller "
                + "still runs there", "FederationVerdicts", "step 11: the previous federation must stop, not run on beside "
                + "the new one"),
        row("keepDeploymentsOnUninstall(1.13.30)", () -> Faults.none().keepDeploymentsOnUninstall("1.13.30"),
            FEDERATION_ROLLBACK, "federation", Map.of(), "Then only the Gloo Edge Federation in "
                + "\"gloo-system-$ROLLBACK_VERSION\" runs on the management cluster, at the rollback version",
            "Gloo Edge Federation should run only as", "FederationVerdicts",
            "rollback step 5: the new federation must stop once uninstalled"),
        row("chartShipsCrdsOf(1.13.35, 1.12.58)", () -> Faults.none().chartShipsCrdsOf("1.13.35", "1.12.58"),
            FEDERATION_CANARY, "federation", Map.of(), PLACED_ON + "\"remote2\"" + RETRIES_AS_KNOWN,
            "no retryBackOff: the field was pruned", "FederationVerdicts",
            "the new version's remote runs with the previous minor's CRDs (an image-only bump): step 9 must see the "
                + "new field pruned"),
        row("chartShipsCrdsOf(1.12.58, 1.13.35)", () -> Faults.none().chartShipsCrdsOf("1.12.58", "1.13.35"),
            FEDERATION_CANARY, "federation", Map.of(), PLACED_ON + "\"remote1\"" + RETRIES_AS_KNOWN,
            "which Gloo Edge 1.12.58 on remote1 does not know", "FederationVerdicts",
            "the previous version's remote was given the new version's CRDs: step 9 must see it keep a field its "
                + "version ignores"));
  }

  /**
   * Verification steps of the feature files that no fault of the twin makes fail, and why. The
   * matrix test fails if a verification step is neither caught in some row nor listed here.
   */
  public static List<UnreachedCheck> unreached() {
    String rollout = "reads the same Deployments' images as the step before, which looks at the pods' images and "
        + "fails first on a component left behind (the glooImageNotBumped rows); this Then restates it as glooctl "
        + "version prints it (UpgradeVerdictsCatchLaggingComponentsTest proves the verdict itself)";
    String namespaceKept = "glooctl uninstall without --delete-namespace never deletes the namespace, and no twin "
        + "fault makes Helm or a hook Job delete one; the check is performed, not verified";
    String namespaceGone = "kubectl delete ns, the step before, waits until the namespace is gone and fails first "
        + "when it stays (the namespacesStuckTerminating row); this Then shows the placed resource went with it";
    String harnessAction = "verifies an action the harness itself performs through the Kubernetes API (%s); the "
        + "twin models Gloo, not the API server, so no Gloo fault can make it fail";
    String sameChart = "compares the cluster's CRDs with the chart's, and the harness applies them from that same "
        + "chart: a chart missing a CRD is neither applied nor expected (CrdCheckCatchesMissingCrdsTest proves the "
        + "check against a cluster whose CRDs lag)";
    return List.of(
        unreached("glooctl version reports the new version for every server component", rollout),
        unreached("the new version is at most one minor above the current version", "a configuration, not a "
            + "product fault: UpgradeStepsScenariosTest runs it with a current version two minors below"),
        unreached("the cluster's Kubernetes version is supported by the new version", "a configuration, not a "
            + "product fault: UpgradeStepsScenariosTest runs it with a Kubernetes version 1.19 does not support"),
        unreached("the new and the rollback version are both running", "the glooctl install of the rollback version, "
            + "the step before, fails first on a version that does not run (the crashLoopingGloo(1.18.40) row); this "
            + "Then states both run"),
        unreached("the Helm version is supported by the new version", "the Helm of the harness is embedded at one "
            + "version; KubernetesSupportTest proves the verdict on unsupported ones"),
        unreached("glooctl version shows the client at the new version and every server component still at the "
            + "current one", "the client is the version the harness upgrades glooctl to, the servers' versions are "
            + "read from pods that the rollout already required at the current version; GlooctlUpgradeVerdictsTest "
            + "proves the verdict"),
        unreached("glooctl version warns that client and server differ by a minor version, exactly when they do",
            "glooctl's own rule, computed from the two versions; GlooctlUpgradeVerdictsTest proves it both ways"),
        unreached("glooctl check-crds against the new version reports that all CRDs are up to date", sameChart),
        unreached("glooctl check-crds reports that all CRDs are up to date", sameChart),
        unreached("no CRD that the new version removes is left in the cluster", "the step before deletes them and "
            + "fails first when it cannot (the chartMissingCrd row of Upgrade Steps 4)"),
        unreached("no Helm value in use is one that the new version removes", "a removed value in use is the user's "
            + "configuration, not a product fault, and the catalog's charts remove none that the scenarios set; "
            + "ChartChangesTest proves the review finds removed values"),
        unreached("\"/canary-pets\" lists the pets through the new version's gateway", "the same route test "
            + "through the same gateway as \"/all-pets\" two steps before, which every fault breaking the new "
            + "version's routes trips first; a retry option the old webhook refuses fails the step that writes it "
            + "(oldWebhookRejectsNewFields)"),
        unreached("\"/canary-pets\" is not routed through the rollback version's gateway", String.format(
            harnessAction, "the route removed by the harness's own edit of the VirtualService")),
        unreached("Gloo Edge Federation runs at the current version in \"gloo-system\" and at the new version in "
            + "\"gloo-system-$NEW_VERSION\"", "gloo-fed's one failure in the twin, its licence, stops the current "
            + "federation in the Background first (expireLicences row); crashLoopingGloo breaks gloo, not gloo-fed"),
        unreached("the VirtualService \"my-vs\" placed in \"gloo-system\" of \"remote1\" retries 10 times, without "
            + "retryBackOff", "the Federation rollback's check that the harness's own revert of the "
            + "FederatedVirtualService (checked the step before) reached the remote; no twin fault makes gloo-fed "
            + "place a stale spec, and the remote's version drops the field anyway"),
        unreached("the federated virtual service \"my-fed-vs\" in \"gloo-fed\" no longer sets retryBackOff",
            String.format(harnessAction, "the harness's own revert of the FederatedVirtualService")),
        unreached("\"remote1\" is no longer registered with the Gloo Edge Federation in \"gloo-system\"",
            String.format(harnessAction, "glooctl cluster deregister")),
        unreached("\"remote2\" is no longer registered with the Gloo Edge Federation in "
            + "\"gloo-system-$NEW_VERSION\"", String.format(harnessAction, "glooctl cluster deregister")),
        unreached("the VirtualService \"my-vs\" placed in \"gloo-system\" of \"remote1\" remains there",
            String.format(harnessAction, "glooctl cluster deregister, which leaves placed resources")),
        unreached("only the Gloo Edge Federation in \"gloo-system-$NEW_VERSION\" runs on the management cluster, at "
            + "the new version", "a federation left running by its uninstall fails the step before, which looks "
            + "at its namespace (the keepDeploymentsOnUninstall row of the Federation canary); this Then states what "
            + "runs afterwards (the same verdict catches the rollback's left-over federation)"),
        unreached("the VirtualService \"my-vs\" is gone from \"remote1\" with its namespace \"gloo-system\"",
            namespaceGone),
        unreached("the VirtualService \"my-vs\" is gone from \"remote2\" with its namespace \"gloo-system\"",
            namespaceGone),
        unreached("the current version's namespace remains", namespaceKept),
        unreached("the new version's namespace remains", namespaceKept),
        unreached("the namespace \"gloo-system\" remains on the management cluster", namespaceKept),
        unreached("the Gloo Edge CRDs remain", "Helm never deletes a chart's crds/ folder, and the gloo charts keep "
            + "their CRDs there; a chart that templates its CRDs is caught on Federation (federationChartTemplatesCrds)"),
        unreached("the custom resources in the new version's namespace remain", "the same check as at the canary's "
            + "uninstall of the current version, where the cleanupJobDeletesUsersResources row catches it"),
        unreached("the federated virtual service \"my-fed-vs\" in \"gloo-fed\" remains on the management cluster",
            "it goes only with its CRD, and the step before fails first on lost Federation CRDs (the "
                + "federationChartTemplatesCrds row)"));
  }

  /**
   * Switches of the twin's {@code Faults} that are not upgrade failures for a scenario to catch, and
   * where they are proven instead.
   */
  public static Map<String, String> notRows() {
    return Map.of("flakyApi", "an unreliable Kubernetes API that the harness must ride out, not a failure for it "
        + "to report: ApiFaultScenarioTest runs the CRDs-then-upgrade scenario under it and asserts that it "
        + "passes, with the retries in its report");
  }

  /**
   * The scenarios of the default run: those tagged @installed-release start from a Gloo Edge the
   * cluster already runs, and the embedded clusters start empty (pom.xml, suite.excludedTags).
   */
  public static final String DEFAULT_RUN = "not @installed-release";

  private static UnreachedCheck unreached(String step, String why) {
    return new UnreachedCheck(step, why);
  }

  private static MatrixRow row(String fault, Supplier<Faults> faults, MatrixScenario scenario, String edition,
      Map<String, String> settings, String step, String fragment, String check, String why) {
    return new MatrixRow(fault, faults, scenario, edition, settings, step, fragment, check, why);
  }

  private static MatrixRow recovers(String fault, Supplier<Faults> faults, MatrixScenario scenario, String edition,
      String check, String why) {
    return new MatrixRow(fault, faults, scenario, edition, Map.of(), null, null, check, why);
  }
}
