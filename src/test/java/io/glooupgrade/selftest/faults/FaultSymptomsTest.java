package io.glooupgrade.selftest.faults;

import io.glooupgrade.gloo.Edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.helm.HelmRelease;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fault of the embedded world shows the symptom a real cluster would show, seen through the
 * Kubernetes API and HTTP only.
 */
class FaultSymptomsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  Path workDir;
  private final Faults faults = Faults.none();
  private final ProxyStartup.Gate gate = new ProxyStartup.Gate();
  private FaultWorld world;

  @AfterEach
  void stop() {
    gate.open();
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aCrashLoopingReleaseLeavesItsGlooPodInCrashLoopBackOffSayingWhy() throws Exception {
    faults.crashLoopingGloo("1.19.20");
    world = petstoreAt("1.18.41", Map.of());
    // Without the chart's rollout Jobs, whose post-upgrade check would keep Helm waiting for the new gloo.
    world.upgradeTo("1.19.20", Map.of("gateway.rolloutJob.enabled", "false"));

    Pod crashing = await().atMost(TIMEOUT).until(() -> world.podsAt("gloo", "1.19.20"),
        pods -> pods.size() == 1 && waiting(pods.get(0)) != null).get(0);
    ContainerStatus status = crashing.getStatus().getContainerStatuses().get(0);
    assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(status.getState().getWaiting().getMessage()).contains("gloo 1.19.20 exited");
    assertThat(status.getRestartCount()).isPositive();
    assertThat(world.podsAt("gloo", "1.18.41")).as("the old gloo keeps running").hasSize(1);
  }

  @Test
  void aChartMissingACrdLeavesTheCrdOutAndGlooCrashLoopingOnIt() {
    faults.chartMissingCrd("1.19.20", "upstreams.gloo.solo.io");
    world = new FaultWorld(workDir, ProxyStartup.after(Duration.ZERO), faults);
    // Without the chart's rollout Jobs, whose post-install check would keep Helm waiting for gloo.
    world.twin.gloo.helm().install(new GlooInstallation("gloo-system", "1.19.20").helmRelease()
        .withSet("gateway.rolloutJob.enabled", "false"));

    assertThat(world.twin.client.apiextensions().v1().customResourceDefinitions()
        .withName("upstreams.gloo.solo.io").get()).as("the CRD the chart lacks").isNull();
    assertThat(world.twin.gloo.helm().showCrds("gloo", "gloo", "1.19.20")).doesNotContain("upstreams.gloo.solo.io");
    Pod gloo = await().atMost(TIMEOUT).until(() -> world.twin.pods("gloo-system", "gloo"),
        pods -> pods.size() == 1 && waiting(pods.get(0)) != null).get(0);
    assertThat(waiting(gloo).getMessage()).contains("cannot list its custom resources");
  }

  @Test
  void aReleaseThatRejectsVirtualServicesWritesRejectedUnderItsKeyAndStopsRoutingThem() {
    faults.rejectVirtualServicesAt("1.19.20");
    world = petstoreAt("1.18.41", Map.of());
    world.twin.gloo.applyCrdsOf(Edition.OSS, "1.19.20");
    world.twin.install("gloo-system-1-19-20", "1.19.20", Map.of());

    await().atMost(TIMEOUT).untilAsserted(() -> {
      var vs = world.twin.get(world.virtualServices(), "gloo-system", "default");
      assertThat(world.statusOf(vs, "gloo-system")).containsEntry("state", 1);
      assertThat(world.statusOf(vs, "gloo-system-1-19-20")).containsEntry("state", 2).containsKey("reason");
    });
    var canary = world.twin.gatewayUrl("gloo-system-1-19-20");
    await().atMost(TIMEOUT).until(() -> world.twin.send(canary, "/all-pets").statusCode() == 404);
    assertThat(world.twin.send(world.twin.gatewayUrl("gloo-system"), "/all-pets").statusCode()).isEqualTo(200);
  }

  @Test
  void aProxyThatPassesItsProbeBeforeServingDropsTrafficEvenWithProbesOn() throws Exception {
    faults.proxiesReadyBeforeServing();
    gate.open();
    world = petstoreAt("1.18.41", Map.of("gatewayProxies.gatewayProxy.podTemplate.probes", "true"));
    var gateway = world.twin.gatewayUrl("gloo-system");
    gate.close();
    world.upgradeTo("1.19.20");

    await().atMost(TIMEOUT).until(() -> world.podsAt("gateway-proxy", "1.18.41").isEmpty());
    assertThat(world.twin.send(gateway, "/all-pets").statusCode()).as("the only proxy is not serving yet")
        .isEqualTo(503);
    gate.open();
    await().atMost(TIMEOUT).until(() -> world.twin.send(gateway, "/all-pets").statusCode() == 200);
  }

  @Test
  void aProxyRejectingItsConfigurationStaysUnseenInStatusesButNotInEnvoyStatsOrTraffic() {
    faults.proxiesRejectConfiguration();
    world = petstoreAt("1.18.41", Map.of());

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.statusOf(
        world.twin.get(world.virtualServices(), "gloo-system", "default"), "gloo-system")).containsEntry("state", 1));
    Pod proxy = world.twin.pods("gloo-system", "gateway-proxy").get(0);
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.twin.podProxy(proxy, 19000, "/stats/prometheus")
        .body()).containsPattern("envoy_cluster_manager_cds_update_rejected\\{\\} [1-9]"));
    assertThat(world.twin.send(world.twin.gatewayUrl("gloo-system"), "/all-pets").statusCode())
        .as("the route never reached Envoy").isEqualTo(404);
  }

  @Test
  void enterprisePodsWithoutALicenceOrWithAnExpiredOneCrashLoopSayingWhy() {
    world = new FaultWorld(workDir, ProxyStartup.after(Duration.ZERO), faults);
    // Every status the unlicensed pods ever had: a component that exits at start is never Ready, even
    // for a moment (most Enterprise pods have no readiness probe, and a rollout check would pass them).
    Set<String> everReady = ConcurrentHashMap.newKeySet();
    Watch statuses = world.twin.client.pods().inNamespace("unlicensed").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        if (licensed(pod) && isReady(pod)) {
          everReady.add(pod.getMetadata().getName());
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
    world.twin.gloo.helm().repoAdd("glooe", world.twin.target.helmRepository("glooe"));
    // Without the chart's rollout Jobs, whose post-install check would keep Helm waiting for gloo-ee.
    world.twin.gloo.helm().install(HelmRelease.of("gloo", "unlicensed", "glooe", "gloo-ee", "1.18.14")
        .withSet("gloo.gateway.rolloutJob.enabled", "false"));
    world.twin.gloo.helm().install(HelmRelease.of("gloo", "licensed", "glooe", "gloo-ee", "1.18.14")
        .withSet("license_key", "embedded-test-licence"));

    Pod unlicensed = await().atMost(TIMEOUT).until(() -> world.twin.pods("unlicensed", "gloo"),
        pods -> pods.size() == 1 && waiting(pods.get(0)) != null).get(0);
    assertThat(waiting(unlicensed).getMessage()).contains("License is invalid or expired")
        .contains("license key not found");
    await().atMost(TIMEOUT).until(() -> world.twin.client.pods().inNamespace("unlicensed").list().getItems().stream()
        .filter(FaultSymptomsTest::licensed).toList(), pods -> pods.size() > 1
        && pods.stream().allMatch(p -> waiting(p) != null));
    statuses.close();
    assertThat(everReady).as("Enterprise pods without a licence that were ever reported Ready").isEmpty();
    await().atMost(TIMEOUT).until(() -> world.twin.pods("licensed", "gloo"),
        pods -> pods.size() == 1 && isReady(pods.get(0)));
    assertThat(world.twin.pods("licensed", "gloo").get(0).getSpec().getContainers().get(0).getImage())
        .isEqualTo("quay.io/solo-io/gloo-ee:1.18.14");

    faults.expireLicences();
    Pod expired = await().atMost(TIMEOUT).until(() -> world.twin.pods("licensed", "gloo"),
        pods -> pods.size() == 1 && waiting(pods.get(0)) != null).get(0);
    assertThat(waiting(expired).getMessage()).contains("the license has expired");
  }

  private FaultWorld petstoreAt(String version, Map<String, String> sets) {
    gate.open();
    FaultWorld w = new FaultWorld(workDir, gate, faults);
    w.twin.install("gloo-system", version, sets);
    w.twin.applySample("petstore.yaml");
    w.twin.applySample("all-pets-virtualservice.yaml");
    var gateway = w.twin.gatewayUrl("gloo-system");
    if (!faults.proxiesRejectConfigurationEnabled()) {
      await().atMost(TIMEOUT).until(() -> w.twin.send(gateway, "/all-pets").statusCode() == 200);
    }
    return w;
  }

  private static io.fabric8.kubernetes.api.model.ContainerStateWaiting waiting(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses().isEmpty()) {
      return null;
    }
    var state = pod.getStatus().getContainerStatuses().get(0).getState();
    return state == null ? null : state.getWaiting();
  }

  // An Enterprise image that checks its licence (Envoy's does not).
  private static boolean licensed(Pod pod) {
    return pod.getSpec().getContainers().stream().map(c -> String.valueOf(c.getImage()))
        .anyMatch(image -> image.contains("-ee") && !image.contains("envoy"));
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }
}
