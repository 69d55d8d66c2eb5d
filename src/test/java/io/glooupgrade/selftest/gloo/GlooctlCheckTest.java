package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.gloo.glooctl.GlooctlCheck;
import io.glooupgrade.gloo.install.Petstore;
import io.glooupgrade.gloo.checks.UpgradeVerdicts;
import io.glooupgrade.traffic.RouteCheck;
import io.glooupgrade.selftest.support.TwinWorldTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The glooctl check equivalent passes on a healthy installation and fails on each broken one. */
class GlooctlCheckTest extends TwinWorldTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Faults faults = Faults.none();


  @Test
  void aHealthyInstallationHasNoProblems() {
    installWithPetstore();
    GlooctlCheck.Result result = await().atMost(TIMEOUT).until(() -> world.gloo.glooctl().check("gloo-system"),
        GlooctlCheck.Result::ok);
    assertThat(result.output()).startsWith("Checking Deployments... OK\nChecking Pods... OK\nChecking Upstreams... OK")
        .contains("Checking VirtualServices... OK").contains("Checking Proxies... OK")
        .endsWith("No problems detected.");
  }

  @Test
  void noDeploymentsMeansGlooIsNotInstalled() {
    start(faults);
    GlooctlCheck.Result result = world.gloo.glooctl().check("gloo-system");
    assertThat(result.ok()).isFalse();
    assertThat(result.output()).contains("Gloo is not installed");
  }

  @Test
  void aRejectedVirtualServiceFailsTheVirtualServicesCheck() {
    faults.rejectVirtualServicesAt("1.18.41");
    installWithPetstore();
    GlooctlCheck.Result result = await().atMost(TIMEOUT).until(() -> world.gloo.glooctl().check("gloo-system"),
        r -> r.lines().contains("Checking VirtualServices... 1 Errors!"));
    assertThat(result.output()).contains("Found rejected VirtualService by 'gloo-system': gloo-system.default");
  }

  @Test
  void aCrashLoopingGlooFailsThePodsCheckWithItsReason() {
    faults.crashLoopingGloo("1.18.41");
    start(faults);
    // Without the chart's rollout Jobs (a value of the real chart), whose post-install check would keep
    // Helm waiting for the crash-looping gloo: this test is about what glooctl check then says.
    world.gloo.helm().install(new io.glooupgrade.gloo.GlooInstallation("gloo-system", "1.18.41").helmRelease()
        .withSet("gateway.rolloutJob.enabled", "false"));
    // Until the kubelet has reported every pod: a pod without a status yet is a Pods error too.
    GlooctlCheck.Result result = await().atMost(TIMEOUT).until(() -> world.gloo.glooctl().check("gloo-system"),
        r -> r.lines().contains("Checking Pods... 1 Errors!") && r.output().contains("CrashLoopBackOff"));
    assertThat(result.output()).contains("gloo 1.18.41 exited");

    // The step's verdict: polled until the check timeout, then failing with glooctl's output.
    System.setProperty("harness.timeout.check", "1");
    try {
      GlooctlCheck.Result settled = world.gloo.glooctl().checkOnceSettled("gloo-system");
      assertThatThrownBy(() -> UpgradeVerdicts.noProblems(settled)).isInstanceOf(AssertionError.class)
          .hasMessageContaining("glooctl check found problems").hasMessageContaining("Checking Pods... 1 Errors!");
    } finally {
      System.clearProperty("harness.timeout.check");
    }
  }

  @Test
  void aProxyThatLostItsControlPlaneFailsTheProxiesCheck() {
    installWithPetstore();
    world.client.apps().deployments().inNamespace("gloo-system").withName("gloo").edit(d -> {
      d.getSpec().setReplicas(0);
      return d;
    });
    GlooctlCheck.Result result = await().atMost(TIMEOUT).until(() -> world.gloo.glooctl().check("gloo-system"),
        r -> r.output().contains("is not connected to its control plane"));
    assertThat(result.ok()).isFalse();
  }

  @Test
  void theLyingCheckPassesWhileEnvoyRejectsItsConfigurationSoRoutesMustBeTestedToo() {
    faults.proxiesRejectConfiguration();
    start(faults);
    world.install("gloo-system", "1.18.41", Map.of());
    world.applySample("petstore.yaml");
    world.applySample("all-pets-virtualservice.yaml");
    GlooctlCheck.Result result = await().atMost(TIMEOUT).until(() -> world.gloo.glooctl().check("gloo-system"),
        GlooctlCheck.Result::ok);
    assertThat(result.output()).endsWith("No problems detected.");
    assertThat(world.send(world.gatewayUrl("gloo-system"), "/all-pets").statusCode())
        .as("the route glooctl check does not test").isEqualTo(404);
    // The harness's route test catches what the check misses. (It waits in vain, so its timeout
    // only needs room for a first request on a loaded machine: REST Assured's first call is slow.)
    System.setProperty("harness.timeout.route", "5");
    try {
      assertThatThrownBy(() -> RouteCheck.awaitServing(world.gloo.glooctl().proxyUrl("gloo-system"), "/all-pets",
          Petstore.DOG)).isInstanceOf(AssertionError.class).hasMessageContaining("/all-pets")
          .hasMessageContaining("-> HTTP 404");
    } finally {
      System.clearProperty("harness.timeout.route");
    }
  }

  private void installWithPetstore() {
    start(faults);
    world.install("gloo-system", "1.18.41", Map.of());
    world.applySample("petstore.yaml");
    world.applySample("all-pets-virtualservice.yaml");
  }
}
