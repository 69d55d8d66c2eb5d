package io.glooupgrade.embedded.faults;

import io.glooupgrade.embedded.apiserver.ApiFaults;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Realistic upgrade failures the embedded world can be told to show, so that self-tests prove the
 * harness catches them. Only self-tests hold a {@code Faults}: the suite's target never has one
 * switched on, and no feature file can reach it. Switches may be flipped while a test runs.
 */
public final class Faults {

  private final Set<String> crashingGlooVersions = ConcurrentHashMap.newKeySet();
  private final Set<String> rejectingGlooVersions = ConcurrentHashMap.newKeySet();
  private final Set<String> warningGlooVersions = ConcurrentHashMap.newKeySet();
  private final Set<String> rejectingProxyVersions = ConcurrentHashMap.newKeySet();
  private final Set<String> endpointlessVersions = ConcurrentHashMap.newKeySet();
  private volatile java.time.Duration gatewayDelay = java.time.Duration.ZERO;
  private final Map<String, String> missingCrds = new ConcurrentHashMap<>();
  private final Map<String, String> crdsShippedInstead = new ConcurrentHashMap<>();
  private final Set<String> versionsKeepingDeployments = ConcurrentHashMap.newKeySet();
  private final Set<String> federationVersionsTemplatingCrds = ConcurrentHashMap.newKeySet();
  private final Map<String, String> failingHookJobs = new ConcurrentHashMap<>();
  private final Set<String> versionsWithoutCertgen = ConcurrentHashMap.newKeySet();
  private final Set<String> versionsWithoutSettings = ConcurrentHashMap.newKeySet();
  private final Map<String, String> staleGlooImageTags = new ConcurrentHashMap<>();
  private final Set<String> versionsCleaningUpUsersResources = ConcurrentHashMap.newKeySet();
  private final Set<String> versionsWithRolloutCleanupUnableToDelete = ConcurrentHashMap.newKeySet();
  private final Set<String> versionsTrustingAnotherCa = ConcurrentHashMap.newKeySet();
  private volatile boolean proxiesReadyBeforeServing;
  private volatile boolean proxiesRejectConfiguration;
  private volatile boolean licencesExpired;
  private volatile boolean oldWebhookRejectsNewFields;
  private volatile boolean certgenJobWithoutHook;
  private volatile boolean placementFails;
  private volatile boolean namespacesStuckTerminating;
  private volatile boolean trafficRefused;
  private volatile boolean probesOnByDefault;
  private volatile java.time.Duration loadBalancerBlip;
  private volatile long trafficRefusedUntilNanos;
  private volatile ApiFaults api = ApiFaults.none();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** No fault at all: what the acceptance suite runs against. */
  public static Faults none() {
    return new Faults();
  }

  /**
   * From now on, for {@code outage}, every gateway proxy refuses traffic (503, as Envoy answers
   * with no healthy upstream): a short outage of known length, for measuring what the traffic
   * probe can see.
   */
  public Faults refuseTrafficFor(java.time.Duration outage) {
    trafficRefusedUntilNanos = System.nanoTime() + outage.toNanos();
    trafficRefused = true;
    return this;
  }

  /**
   * Whenever a LoadBalancer Service is deleted, every gateway proxy refuses traffic for
   * {@code outage}: a cloud load balancer that re-programs all its targets when one goes, so that
   * uninstalling the old version of a canary briefly cuts the new one's traffic too.
   */
  public Faults loadBalancersBlipWhenAServiceGoes(java.time.Duration outage) {
    loadBalancerBlip = outage;
    return this;
  }

  /** Called by the twin when a Service is deleted. */
  public void loadBalancerServiceDeleted() {
    java.time.Duration blip = loadBalancerBlip;
    if (blip != null) {
      refuseTrafficFor(blip);
    }
  }

  /**
   * Every OSS chart turns the gateway-proxy's readiness probe on by default, unlike the real ones:
   * the risk the guide warns about (requests dropped while proxies restart) is then gone, so a
   * check that claims to see it must fail. Read when the world starts, like the other chart faults.
   */
  public Faults probesOnByDefaultInCharts() {
    probesOnByDefault = true;
    return changed();
  }

  public boolean probesOnByDefault() {
    return probesOnByDefault;
  }

  public boolean trafficRefusedNow() {
    return trafficRefused && System.nanoTime() - trafficRefusedUntilNanos < 0;
  }

  /**
   * Every cluster's API fails the harness's requests now and then, as {@code faults} says (429,
   * 500, 503, slow answers, dropped connections). Read when a cluster starts.
   */
  public Faults flakyApi(ApiFaults faults) {
    api = faults;
    return changed();
  }

  public ApiFaults api() {
    return api;
  }

  /**
   * Every cluster's API leaves a deleted namespace Terminating for good, its status naming a
   * finalizer that nobody removes (a custom resource whose controller is gone): the common way a
   * {@code kubectl delete ns} never finishes. Read when a cluster starts.
   */
  public Faults namespacesStuckTerminating() {
    namespacesStuckTerminating = true;
    return changed();
  }

  public boolean namespaceDeletionsStuck() {
    return namespacesStuckTerminating;
  }

  /** The gloo pod of this version crash-loops (a broken release). */
  public Faults crashLoopingGloo(String version) {
    crashingGlooVersions.add(version);
    return changed();
  }

  /** The control plane of this version rejects every VirtualService (a breaking API change). */
  public Faults rejectVirtualServicesAt(String version) {
    rejectingGlooVersions.add(version);
    return changed();
  }

  /**
   * The control plane of this version accepts every VirtualService with a Warning (as for a
   * deprecated field): traffic flows, and {@code glooctl check} reports the warning as a problem.
   */
  public Faults warnOnVirtualServicesAt(String version) {
    warningGlooVersions.add(version);
    return changed();
  }

  /** The chart of this OSS version ships without one CRD of its crds/ folder. */
  public Faults chartMissingCrd(String version, String crdName) {
    missingCrds.put(version, crdName);
    return changed();
  }

  /**
   * The gloo chart of this OSS version, and every gloo-ee chart that pulls it in, ships the CRDs of
   * another release in its crds/ folder: a chart built against the previous minor's CRDs (the new
   * fields are pruned on write, as when only the images were bumped), or against a newer one's (an
   * old release that keeps fields it does not know). Read when the world starts.
   */
  public Faults chartShipsCrdsOf(String version, String crdsVersion) {
    crdsShippedInstead.put(version, crdsVersion);
    return changed();
  }

  /**
   * The charts of this version, gloo (by its OSS version) and gloo-fed (by its Federation version),
   * on their own or as gloo-ee's subcharts, annotate their Deployments
   * {@code helm.sh/resource-policy: keep}: Helm, so {@code glooctl uninstall}, then leaves them
   * running, and the version a canary upgrade retired keeps running beside the new one. Read when
   * the world starts.
   */
  public Faults keepDeploymentsOnUninstall(String version) {
    versionsKeepingDeployments.add(version);
    return changed();
  }

  /**
   * The gloo-fed chart of this version (on its own or as gloo-ee's subchart) ships its CRDs as
   * templates instead of in crds/: Helm then owns them, and {@code helm uninstall} (so
   * {@code glooctl uninstall}) deletes them with the release, and with them every federated
   * resource, though the new federation still needs them. Read when the world starts.
   */
  public Faults federationChartTemplatesCrds(String version) {
    federationVersionsTemplatingCrds.add(version);
    return changed();
  }

  /** Whether the gloo-fed chart of this version ships its CRDs as templates. */
  public boolean federationCrdsTemplated(String version) {
    return federationVersionsTemplatingCrds.contains(version);
  }

  /** Whether the charts of this version keep their Deployments when uninstalled. */
  public boolean deploymentsKeptOnUninstall(String version) {
    return versionsKeepingDeployments.contains(version);
  }

  /** The release whose CRDs the chart of this OSS version ships instead of its own, if a fault says so. */
  public Optional<String> crdsShippedWith(String version) {
    return Optional.ofNullable(crdsShippedInstead.get(version));
  }

  /**
   * Every OSS chart ships the {@code gateway-certgen} Job as a plain resource, without its Helm hook
   * annotations and without its {@code ttlSecondsAfterFinished}, as hand-made installs have. The
   * completed Job stays and {@code helm upgrade} patches its pod
   * template, which the API refuses as immutable; deleting the Job and upgrading again works.
   * Not per version: Helm patches the Job only when the installed and the new chart both ship it
   * plain (a hook in the new chart would be deleted and recreated). Read when the world starts,
   * since its charts are packaged then.
   */
  public Faults certgenJobWithoutHook() {
    certgenJobWithoutHook = true;
    return changed();
  }

  /**
   * In the gloo chart of this OSS version (on its own or as gloo-ee's subchart), the script of the
   * hook Job {@code job} (gloo-resource-migration, gloo-resource-rollout-cleanup,
   * gloo-resource-rollout-check, gloo-resource-cleanup) prints an error and exits 1, as a script
   * broken by a release would: the Job fails once its backoffLimit is spent, and with it the Helm
   * command whose hook it is. Read when the world starts.
   */
  public Faults hookJobScriptFails(String version, String job) {
    failingHookJobs.put(version, job);
    return changed();
  }

  /** The hook Job whose script fails in the chart of this OSS version, if a fault says so. */
  public Optional<String> failingHookJob(String version) {
    return Optional.ofNullable(failingHookJobs.get(version));
  }

  /**
   * The gloo chart of this OSS version ships no gateway-certgen Job (its RBAC stays): nothing creates
   * the validation certificate Secret that the gloo pod mounts, so gloo stays ContainerCreating.
   * Read when the world starts.
   */
  public Faults certgenNotRun(String version) {
    versionsWithoutCertgen.add(version);
    return changed();
  }

  public boolean certgenMissing(String version) {
    return versionsWithoutCertgen.contains(version);
  }

  /**
   * The gloo chart of this OSS version renders no Settings: gloo waits for them, never binds xDS,
   * and its tcpSocket readiness probe keeps failing. Read when the world starts.
   */
  public Faults settingsNotRendered(String version) {
    versionsWithoutSettings.add(version);
    return changed();
  }

  public boolean settingsMissing(String version) {
    return versionsWithoutSettings.contains(version);
  }

  /**
   * The gloo chart of this OSS version forgot to bump gloo's image: it deploys the gloo image at
   * {@code staleTag}, while its CRDs and other images are its own. The upgrade succeeds and rolls
   * out, but gloo runs the old release. Read when the world starts.
   */
  public Faults glooImageNotBumped(String version, String staleTag) {
    staleGlooImageTags.put(version, staleTag);
    return changed();
  }

  public Optional<String> staleGlooImageTag(String version) {
    return Optional.ofNullable(staleGlooImageTags.get(version));
  }

  /**
   * The pre-delete gloo-resource-cleanup Job of this OSS version's chart deletes every Upstream,
   * Gateway and VirtualService of the namespace, the users' too, and its account may read the CRDs
   * to know they are there: uninstalling the release destroys the users' configuration. Read when
   * the world starts.
   */
  public Faults cleanupJobDeletesUsersResources(String version) {
    versionsCleaningUpUsersResources.add(version);
    return changed();
  }

  public boolean cleanupDeletesUsersResources(String version) {
    return versionsCleaningUpUsersResources.contains(version);
  }

  /**
   * The Role of the pre-upgrade gloo-resource-rollout-cleanup Job of this OSS version's chart lacks
   * {@code delete} on Jobs: on a cluster that enforces RBAC its {@code kubectl delete job} is
   * Forbidden, the Job fails, and so does the upgrade to this version. Read when the world starts.
   */
  public Faults rolloutCleanupCannotDeleteJobs(String version) {
    versionsWithRolloutCleanupUnableToDelete.add(version);
    return changed();
  }

  public boolean rolloutCleanupUnableToDelete(String version) {
    return versionsWithRolloutCleanupUnableToDelete.contains(version);
  }

  /**
   * In this OSS version the validation webhook's failurePolicy is Fail (a value a user may set), and
   * once its certgen has run the webhooks' caBundle is another authority's: the API server cannot
   * verify gloo's certificate, so every write the webhook covers is refused with the TLS error.
   * Read when the world starts (the chart) and when certgen runs (the caBundle).
   */
  public Faults webhookTrustsAnotherCa(String version) {
    versionsTrustingAnotherCa.add(version);
    return changed();
  }

  public boolean webhookTrustsAnotherCaAt(String version) {
    return versionsTrustingAnotherCa.contains(version);
  }

  /** A new proxy passes its readiness probe before Envoy serves: traffic drops even with probes on. */
  public Faults proxiesReadyBeforeServing() {
    proxiesReadyBeforeServing = true;
    return changed();
  }

  /**
   * Envoy rejects every configuration update while the control plane still reports Accepted:
   * the lying {@code glooctl check} of GLOO_FACTS.md, seen only in Envoy's counters and in traffic.
   */
  public Faults proxiesRejectConfiguration() {
    proxiesRejectConfiguration = true;
    return changed();
  }

  /**
   * The same lie, only in the gateway proxies of this version (a new Envoy that refuses what the
   * control plane sends, while every status still reads Accepted): the proxies of the other
   * versions keep serving, so the fault is met after the upgrade, not in the scenario's setup.
   */
  public Faults proxiesRejectConfigurationAt(String version) {
    rejectingProxyVersions.add(version);
    return changed();
  }

  /** Whether the gateway proxy of this version rejects its configuration updates. */
  public boolean proxiesRejectConfiguration(String version) {
    return proxiesRejectConfiguration || rejectingProxyVersions.contains(version);
  }

  /**
   * The gateway proxies of this version get their clusters without endpoints (EDS empty, as when a
   * release's discovery of endpoints breaks): every status Accepted, no update rejected, nothing for
   * {@code glooctl check} to see, and every route answers 503 "no healthy upstream".
   */
  public Faults upstreamsWithoutEndpointsAt(String version) {
    endpointlessVersions.add(version);
    return changed();
  }

  public boolean upstreamsWithoutEndpoints(String version) {
    return endpointlessVersions.contains(version);
  }

  /**
   * Every gateway proxy answers each request only after {@code delay} (an overloaded or
   * mis-sized Envoy): nothing fails, every answer is slow, which only a latency check can see.
   */
  public Faults slowGateways(java.time.Duration delay) {
    gatewayDelay = delay;
    return changed();
  }

  public java.time.Duration gatewayDelay() {
    return gatewayDelay;
  }

  /**
   * Each installation's validation webhook rejects a Gloo resource holding a field its own release
   * does not know (GLOO_FACTS.md: "Old gloo pod's validation webhook rejects new fields set during
   * the upgrade"): once the new CRDs stop pruning the field, the old gloo refuses the write. Without
   * it, the webhook allows such a write and only warns.
   */
  public Faults oldWebhookRejectsNewFields() {
    oldWebhookRejectsNewFields = true;
    return changed();
  }

  public boolean oldWebhookRejectsNewFieldsEnabled() {
    return oldWebhookRejectsNewFields;
  }

  /** Every Enterprise licence has expired from now on. */
  public Faults expireLicences() {
    licencesExpired = true;
    return changed();
  }

  /** Every federated placement fails (gloo-fed reports FAILED, as after the restart users reported). */
  public Faults failPlacements() {
    placementFails = true;
    return changed();
  }

  public boolean placementFails() {
    return placementFails;
  }

  public boolean glooCrashes(String version) {
    return crashingGlooVersions.contains(version);
  }

  public boolean glooRejectsVirtualServices(String version) {
    return rejectingGlooVersions.contains(version);
  }

  public boolean glooWarnsOnVirtualServices(String version) {
    return warningGlooVersions.contains(version);
  }

  public Optional<String> crdMissingFromChart(String version) {
    return Optional.ofNullable(missingCrds.get(version));
  }

  public boolean certgenJobShippedWithoutHook() {
    return certgenJobWithoutHook;
  }

  public boolean proxiesReadyBeforeServingEnabled() {
    return proxiesReadyBeforeServing;
  }

  public boolean proxiesRejectConfigurationEnabled() {
    return proxiesRejectConfiguration;
  }

  public boolean licencesExpired() {
    return licencesExpired;
  }

  /** Called after any switch flips, so running components look again. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private Faults changed() {
    listeners.forEach(Runnable::run);
    return this;
  }
}
