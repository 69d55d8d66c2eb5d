package io.glooupgrade.selftest.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway proxy faults the fault matrix added, as a user of the cluster would see them: the
 * new version's Envoy refusing its configuration while statuses read Accepted (only its stats and
 * its traffic tell), and gateways that answer every request, slowly.
 */
class GatewayProxyFaultsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  Path workDir;
  private final Faults faults = Faults.none();
  private FaultWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void onlyTheNewVersionsProxyRejectsItsConfigurationSeenInItsStatsAndTrafficNotInStatuses() {
    faults.proxiesRejectConfigurationAt("1.19.20");
    world = petstoreAt("1.18.41");
    assertThat(world.twin.send(world.twin.gatewayUrl("gloo-system"), "/all-pets").statusCode())
        .as("the current version's proxy serves").isEqualTo(200);

    world.upgradeTo("1.19.20");

    Pod proxy = await().atMost(TIMEOUT).until(() -> world.podsAt("gateway-proxy", "1.19.20"),
        pods -> pods.size() == 1 && world.podsAt("gateway-proxy", "1.18.41").isEmpty()).get(0);
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.twin.podProxy(proxy, 19000, "/stats/prometheus")
        .body()).containsPattern("envoy_cluster_manager_cds_update_rejected\\{\\} [1-9]"));
    assertThat(world.statusOf(world.twin.get(world.virtualServices(), "gloo-system", "default"), "gloo-system"))
        .as("the control plane still reports the VirtualService Accepted").containsEntry("state", 1);
    await().atMost(TIMEOUT).until(() -> world.twin.send(world.twin.gatewayUrl("gloo-system"), "/all-pets")
        .statusCode() == 404);
  }

  @Test
  void theNewVersionsProxiesWithoutEndpointsAnswerNoHealthyUpstreamWhileEverythingReadsAccepted() {
    faults.upstreamsWithoutEndpointsAt("1.19.20");
    world = petstoreAt("1.18.41");

    world.upgradeTo("1.19.20");

    Pod proxy = await().atMost(TIMEOUT).until(() -> world.podsAt("gateway-proxy", "1.19.20"),
        pods -> pods.size() == 1 && world.podsAt("gateway-proxy", "1.18.41").isEmpty()).get(0);
    await().atMost(TIMEOUT).untilAsserted(() -> {
      HttpResponse<String> answer = world.twin.send(world.twin.gatewayUrl("gloo-system"), "/all-pets");
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.body()).contains("no healthy upstream");
    });
    assertThat(world.statusOf(world.twin.get(world.virtualServices(), "gloo-system", "default"), "gloo-system"))
        .containsEntry("state", 1);
    assertThat(world.twin.podProxy(proxy, 19000, "/stats/prometheus").body())
        .as("no update rejected").containsPattern("envoy_cluster_manager_cds_update_rejected\\{\\} 0");
  }

  @Test
  void slowGatewaysAnswerEveryRequestButLate() {
    faults.slowGateways(Duration.ofMillis(300));
    world = petstoreAt("1.18.41");

    long start = System.nanoTime();
    HttpResponse<String> answer = world.twin.send(world.twin.gatewayUrl("gloo-system"), "/all-pets");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("Dog");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  private FaultWorld petstoreAt(String version) {
    FaultWorld w = new FaultWorld(workDir, ProxyStartup.after(Duration.ZERO), faults);
    w.twin.install("gloo-system", version, Map.of());
    w.twin.applySample("petstore.yaml");
    w.twin.applySample("all-pets-virtualservice.yaml");
    var gateway = w.twin.gatewayUrl("gloo-system");
    await().atMost(TIMEOUT).until(() -> w.twin.send(gateway, "/all-pets").statusCode() == 200);
    return w;
  }

}
