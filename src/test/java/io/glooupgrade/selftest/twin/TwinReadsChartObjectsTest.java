package io.glooupgrade.selftest.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.selftest.support.TwinWorld;
import io.glooupgrade.selftest.support.TwinWorldTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The twin takes its configuration from the objects the chart creates, as the real components do
 * (GLOO_CHARTS.md sections 3, 7 and 8): gloo serves xDS only once it has read its Settings, on the
 * port they bind; each Envoy dials the xDS address its bootstrap ConfigMap names, through the
 * Service there; the kubelet runs the pods' tcpSocket and exec probes against what they serve.
 */
class TwinReadsChartObjectsTest extends TwinWorldTest {

  private static final String NS = "gloo-system";
  private static final ResourceDefinitionContext SETTINGS = new ResourceDefinitionContext.Builder()
      .withGroup("gloo.solo.io").withVersion("v1").withPlural("settings").withKind("Settings").withNamespaced(true)
      .build();

  @Test
  void withoutItsSettingsGlooServesNoXdsAndItsTcpProbeFailsUntilTheyAppear() {
    start(Faults.none());
    // No Settings; and no rollout Job, whose Gateways the webhook would refuse while gloo does not serve.
    world.gloo.helm().install(new GlooInstallation(NS, "1.18.41").helmRelease()
        .withSet("settings.create", "false").withSet("gateway.rolloutJob.enabled", "false")
        .withSet("gatewayProxies.gatewayProxy.podTemplate.probes", "true"));

    Pod gloo = await().atMost(TwinWorld.TIMEOUT).until(() -> world.pods(NS, "gloo"),
        pods -> pods.size() == 1 && running(pods.get(0))).get(0);
    await().atMost(TwinWorld.TIMEOUT).until(() -> unhealthy(gloo).contains("Readiness probe failed: dial tcp "
        + gloo.getStatus().getPodIP() + ":9977: connect: connection refused"));
    assertThat(isReady(world.pods(NS, "gloo").get(0))).isFalse();
    Pod proxy = await().atMost(TwinWorld.TIMEOUT).until(() -> world.pods(NS, "gateway-proxy"),
        pods -> pods.size() == 1 && running(pods.get(0))).get(0);
    await().atMost(TwinWorld.TIMEOUT).until(() -> unhealthy(proxy).contains(
        "Readiness probe failed: wget: server returned error: HTTP/1.1 503"));
    assertThat(world.podProxy(proxy, 19000, "/stats/prometheus").body())
        .contains("envoy_control_plane_connected_state{} 0");

    world.client.genericKubernetesResources(SETTINGS).inNamespace(NS).resource(settings("0.0.0.0:9977")).create();

    await().atMost(TwinWorld.TIMEOUT).until(() -> world.pods(NS, "gloo").stream().allMatch(this::isReady)
        && world.pods(NS, "gateway-proxy").stream().allMatch(this::isReady));
    assertThat(world.podProxy(world.pods(NS, "gateway-proxy").get(0), 19000, "/stats/prometheus").body())
        .contains("envoy_control_plane_connected_state{} 1");
  }

  @Test
  void anEnvoyWhoseBootstrapNamesAnAddressNoGlooServesStaysUnconfigured() {
    start(Faults.none());
    world.install(NS, "1.18.41", Map.of("gatewayProxies.gatewayProxy.podTemplate.probes", "true"));
    world.applySample("petstore.yaml");
    world.applySample("all-pets-virtualservice.yaml");
    await().atMost(TwinWorld.TIMEOUT).until(() -> world.send(world.gatewayUrl(NS), "/all-pets").statusCode() == 200);

    // The bootstrap now names gloo's rest-xds port (9976): a Service port, but not where gloo binds xDS.
    ConfigMap bootstrap = world.client.configMaps().inNamespace(NS).withName("gateway-proxy-envoy-config").get();
    bootstrap.getData().put("envoy.yaml", bootstrap.getData().get("envoy.yaml")
        .replace("cluster_name: gloo." + NS + ".svc.cluster.local:9977",
            "cluster_name: rest_xds_cluster"));
    world.client.configMaps().inNamespace(NS).resource(bootstrap).update();
    world.client.pods().inNamespace(NS).withLabel("gloo", "gateway-proxy").delete();

    Pod restarted = await().atMost(TwinWorld.TIMEOUT).until(() -> world.pods(NS, "gateway-proxy"),
        pods -> pods.size() == 1 && running(pods.get(0))).get(0);
    await().atMost(TwinWorld.TIMEOUT).until(() -> unhealthy(restarted).contains("HTTP/1.1 503"));
    assertThat(world.podProxy(restarted, 19000, "/ready").body()).isEqualTo("PRE_INITIALIZING\n");
    assertThat(world.send(world.gatewayUrl(NS), "/all-pets").statusCode()).isEqualTo(503);
  }

  @Test
  void glooBindsXdsWhereItsSettingsSayAndItsProxiesFollowTheServicePort() {
    start(Faults.none());
    world.install(NS, "1.18.41", Map.of("gloo.deployment.xdsPort", "9000",
        "gloo.deployment.livenessProbeEnabled", "true"));
    world.applySample("petstore.yaml");
    world.applySample("all-pets-virtualservice.yaml");

    await().atMost(TwinWorld.TIMEOUT).until(() -> world.send(world.gatewayUrl(NS), "/all-pets").statusCode() == 200);
    Pod gloo = world.pods(NS, "gloo").get(0);
    assertThat(isReady(gloo)).isTrue();
    assertThat(gloo.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
  }

  @Test
  void aNamespaceNameWithDotsIsRefusedAsARealApiServerRefusesIt() {
    start(Faults.none());
    assertThatThrownBy(() -> world.client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName("gloo-system-1.19.20").endMetadata().build()).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("a lowercase RFC 1123 label must consist of lower case alphanumeric characters");
  }

  private GenericKubernetesResource settings(String xdsBindAddr) {
    GenericKubernetesResource settings = new GenericKubernetesResource();
    settings.setApiVersion("gloo.solo.io/v1");
    settings.setKind("Settings");
    settings.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("default").withNamespace(NS)
        .build());
    settings.setAdditionalProperty("spec", Map.of("discoveryNamespace", NS, "gloo", Map.of("xdsBindAddr", xdsBindAddr)));
    return settings;
  }

  private String unhealthy(Pod pod) {
    List<Event> events = world.client.v1().events().inNamespace(NS).list().getItems();
    return events.stream().filter(e -> pod.getMetadata().getName().equals(e.getInvolvedObject().getName()))
        .filter(e -> "Unhealthy".equals(e.getReason())).map(Event::getMessage).reduce("", (a, b) -> a + b + "\n");
  }

  private static boolean running(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
  }

  private boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
