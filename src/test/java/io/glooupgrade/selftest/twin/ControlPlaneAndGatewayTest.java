package io.glooupgrade.selftest.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.glooupgrade.embedded.twin.ProxyStartup;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import io.glooupgrade.selftest.support.TwinWorld;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The twin's control plane and gateway, seen through the Kubernetes API and HTTP. */
class ControlPlaneAndGatewayTest {

  private static final String PETS =
      "[{\"id\":1,\"name\":\"Dog\",\"status\":\"available\"},{\"id\":2,\"name\":\"Cat\",\"status\":\"pending\"}]";

  @TempDir
  Path workDir;
  private TwinWorld world;

  @BeforeEach
  void installGlooAndThePetstore() {
    world = new TwinWorld(workDir, ProxyStartup.after(Duration.ZERO));
    world.install("gloo-system", "1.18.41", Map.of());
    world.applySample("petstore.yaml");
    world.applySample("all-pets-virtualservice.yaml");
    // The control plane writes the VirtualService's status until it is Accepted (the petstore Upstream
    // is discovered meanwhile); a test that edits it before then can lose the race (409 Conflict).
    await().atMost(TwinWorld.TIMEOUT).until(() -> TwinWorld.statusOf(
        world.get(TwinWorld.VIRTUAL_SERVICES, "gloo-system", "default"), "gloo-system"),
        status -> status != null && Integer.valueOf(1).equals(status.get("state")));
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void theControlPlaneWritesItsStatusKeyAsIntegersOnEveryKind() {
    await().atMost(TwinWorld.TIMEOUT).untilAsserted(() -> {
      assertThat(TwinWorld.statusOf(world.get(TwinWorld.VIRTUAL_SERVICES, "gloo-system", "default"), "gloo-system"))
          .containsEntry("state", 1).containsEntry("reportedBy", "gateway");
      assertThat(TwinWorld.statusOf(world.get(TwinWorld.UPSTREAMS, "gloo-system", "default-petstore-8080"),
          "gloo-system")).containsEntry("state", 1).containsEntry("reportedBy", "gloo");
      assertThat(TwinWorld.statusOf(world.get(TwinWorld.GATEWAYS, "gloo-system", "gateway-proxy"), "gloo-system"))
          .containsEntry("state", 1);
      assertThat(TwinWorld.statusOf(world.get(TwinWorld.GATEWAYS, "gloo-system", "gateway-proxy-ssl"), "gloo-system"))
          .containsEntry("state", 1);
      assertThat(TwinWorld.statusOf(world.get(TwinWorld.PROXIES, "gloo-system", "gateway-proxy"), "gloo-system"))
          .containsEntry("state", 1).containsEntry("reportedBy", "gloo");
    });
  }

  @Test
  void aVirtualServiceToAnUnknownUpstreamIsRejectedWithTheReason() {
    world.client.genericKubernetesResources(TwinWorld.VIRTUAL_SERVICES).inNamespace("gloo-system")
        .withName("default").edit(vs -> {
          @SuppressWarnings("unchecked")
          var spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
          String yaml = io.fabric8.kubernetes.client.utils.Serialization.asJson(spec).replace("default-petstore-8080",
              "default-nothing-9999");
          vs.getAdditionalProperties().put("spec", io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml,
              Map.class));
          return vs;
        });
    await().atMost(TwinWorld.TIMEOUT).untilAsserted(() ->
        assertThat(TwinWorld.statusOf(world.get(TwinWorld.VIRTUAL_SERVICES, "gloo-system", "default"), "gloo-system"))
            .containsEntry("state", 2)
            .hasEntrySatisfying("reason", r -> assertThat((String) r).contains("gloo-system.default-nothing-9999")));
  }

  @Test
  void theGatewayRoutesAllPetsToThePetstoreWithThePrefixRewrite() {
    URI gateway = world.gatewayUrl("gloo-system");
    assertThat(gateway.getHost()).isEqualTo("127.0.0.1");
    HttpResponse<String> response = await().atMost(TwinWorld.TIMEOUT)
        .until(() -> world.send(gateway, "/all-pets"), r -> r.statusCode() == 200);
    assertThat(response.body().trim()).isEqualTo(PETS);
    assertThat(world.send(gateway, "/api/pets").statusCode()).as("only /all-pets is routed").isEqualTo(404);
  }

  @Test
  void eachProxyPodAnswersEnvoysAdminEndpointsThroughTheApisPodProxy() {
    var pod = await().atMost(TwinWorld.TIMEOUT).until(() -> world.client.pods().inNamespace("gloo-system")
        .withLabel("gloo", "gateway-proxy").list().getItems(), pods -> !pods.isEmpty()).get(0);
    await().atMost(TwinWorld.TIMEOUT).until(() -> world.podProxy(pod, 19000, "/ready").body().trim().equals("LIVE"));
    assertThat(world.podProxy(pod, 19000, "/stats/prometheus").body())
        .contains("envoy_control_plane_connected_state{} 1")
        .contains("envoy_cluster_manager_cds_update_rejected{} 0")
        .contains("envoy_listener_manager_lds_update_rejected{} 0");
    await().atMost(TwinWorld.TIMEOUT).untilAsserted(() -> assertThat(world.podProxy(pod, 19000, "/config_dump").body())
        .contains("\"exact\":\"/all-pets\"").contains("\"prefixRewrite\":\"/api/pets\"")
        .contains("gloo-system.default-petstore-8080"));
  }

  @Test
  void aRouteMadeUnreachableByAnEarlierOneGivesAWarningWithTheReason() {
    world.client.genericKubernetesResources(TwinWorld.VIRTUAL_SERVICES).inNamespace("gloo-system")
        .withName("default").edit(vs -> {
          @SuppressWarnings("unchecked")
          var spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
          @SuppressWarnings("unchecked")
          var host = (Map<String, Object>) spec.get("virtualHost");
          @SuppressWarnings("unchecked")
          var routes = new java.util.ArrayList<>((java.util.List<Object>) host.get("routes"));
          routes.add(routes.get(0));
          host.put("routes", routes);
          return vs;
        });
    await().atMost(TwinWorld.TIMEOUT).untilAsserted(() ->
        assertThat(TwinWorld.statusOf(world.get(TwinWorld.VIRTUAL_SERVICES, "gloo-system", "default"), "gloo-system"))
            .containsEntry("state", 3)
            .hasEntrySatisfying("reason", r -> assertThat((String) r).contains("route 1 is unreachable")));
  }
}
