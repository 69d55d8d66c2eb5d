package io.glooupgrade.selftest.twin;

import io.glooupgrade.gloo.Edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.gloo.GlooInstallation;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.glooupgrade.selftest.support.TwinWorld;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two installations side by side (the canary guide), and what a rolling upgrade of the gateway
 * proxy does to traffic with readiness probes off and on (the Upgrade Steps guide's warning). New
 * proxies are held at start-up by a gate the test opens, so the outage window is as long as the
 * test needs, not a matter of timing.
 */
class CanaryAndRollingUpdateTest {

  private static final String PROBES = "gatewayProxies.gatewayProxy.podTemplate.probes";

  @TempDir
  Path workDir;
  private final ProxyStartup.Gate gate = new ProxyStartup.Gate();
  private TwinWorld world;

  @AfterEach
  void stop() {
    gate.open();
    world.close();
  }

  @Test
  void twoInstallationsSideBySideBothServeAndBothReportStatuses() {
    gate.open();
    world = new TwinWorld(workDir, gate);
    world.install("gloo-system", "1.18.41", Map.of());
    world.applySample("petstore.yaml");
    world.applySample("all-pets-virtualservice.yaml");
    world.gloo.applyCrdsOf(Edition.OSS, "1.19.20");
    world.install("gloo-system-1-19-20", "1.19.20", Map.of());

    URI old = world.gatewayUrl("gloo-system");
    URI canary = world.gatewayUrl("gloo-system-1-19-20");
    assertThat(canary).isNotEqualTo(old);
    for (URI gateway : List.of(old, canary)) {
      await().atMost(TwinWorld.TIMEOUT).until(() -> world.send(gateway, "/all-pets").statusCode() == 200);
      assertThat(world.send(gateway, "/all-pets").body()).contains("\"name\":\"Dog\"");
    }
    await().atMost(TwinWorld.TIMEOUT).untilAsserted(() -> {
      var vs = world.get(TwinWorld.VIRTUAL_SERVICES, "gloo-system", "default");
      assertThat(TwinWorld.statusOf(vs, "gloo-system")).containsEntry("state", 1);
      assertThat(TwinWorld.statusOf(vs, "gloo-system-1-19-20")).containsEntry("state", 1);
    });
  }

  @Test
  void withoutReadinessProbesTheUpgradeSendsTrafficToAProxyThatIsNotReady() throws Exception {
    URI gateway = upgradeWhileNewProxiesAreHeld(false);

    Pod newProxy = await().atMost(TwinWorld.TIMEOUT).until(() -> proxyPodsAt("1.19.20"),
        pods -> pods.size() == 1 && isReady(pods.get(0))).get(0);
    var envoyReady = world.podProxy(newProxy, 19000, "/ready");
    assertThat(envoyReady.statusCode()).as("Envoy's own /ready: %s", envoyReady.body()).isEqualTo(503);
    await().atMost(TwinWorld.TIMEOUT).until(() -> proxyPodsAt("1.18.41").isEmpty());
    var failed = world.send(gateway, "/all-pets");
    assertThat(failed.statusCode()).as("a request while the only proxy is starting").isEqualTo(503);

    gate.open();
    await().atMost(TwinWorld.TIMEOUT).until(() -> world.send(gateway, "/all-pets").statusCode() == 200);
  }

  @Test
  void withReadinessProbesTheOldProxyServesUntilTheNewOneIsReady() throws Exception {
    URI gateway = upgradeWhileNewProxiesAreHeld(true);

    Pod newProxy = await().atMost(TwinWorld.TIMEOUT).until(() -> proxyPodsAt("1.19.20"), pods -> pods.size() == 1)
        .get(0);
    assertThat(isReady(newProxy)).as("new proxy Ready before Envoy started").isFalse();
    assertThat(proxyPodsAt("1.18.41")).as("the old proxy still runs").hasSize(1);
    for (int i = 0; i < 50; i++) {
      assertThat(world.send(gateway, "/all-pets").statusCode()).as("request %d during the upgrade", i).isEqualTo(200);
    }

    gate.open();
    world.gloo.releases().awaitRolledOut(new GlooInstallation("gloo-system", "1.19.20"));
    assertThat(world.send(gateway, "/all-pets").statusCode()).isEqualTo(200);
  }

  /** Installs 1.18.41 with the proxy's probes on or off, then upgrades to 1.19.20 with new proxies held. */
  private URI upgradeWhileNewProxiesAreHeld(boolean probes) throws Exception {
    gate.open();
    world = new TwinWorld(workDir, gate);
    world.install("gloo-system", "1.18.41", Map.of(PROBES, String.valueOf(probes)));
    world.applySample("petstore.yaml");
    world.applySample("all-pets-virtualservice.yaml");
    URI gateway = world.gatewayUrl("gloo-system");
    await().atMost(TwinWorld.TIMEOUT).until(() -> world.send(gateway, "/all-pets").statusCode() == 200);

    gate.close();
    world.gloo.applyCrdsOf(Edition.OSS, "1.19.20");
    Path values = Files.writeString(workDir.resolve("values.yaml"),
        world.gloo.helm().getValues("gloo-system", "gloo", "gloo/gloo"));
    world.gloo.helm().upgrade(new GlooInstallation("gloo-system", "1.19.20").helmRelease().withValues(values));
    return gateway;
  }

  private List<Pod> proxyPodsAt(String version) {
    return world.client.pods().inNamespace("gloo-system").withLabel("gloo", "gateway-proxy").list().getItems()
        .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getSpec().getContainers().get(0).getImage().endsWith(":" + version)).toList();
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }
}
