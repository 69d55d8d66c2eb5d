package io.glooupgrade.selftest.gloo;

import io.glooupgrade.gloo.Edition;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.gloo.canary.CanaryRoute;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.checks.UninstallRemains;
import io.glooupgrade.selftest.support.TwinWorld;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary guide's own checks fail when they should: the route changed for the new version
 * (step 6) when the cluster prunes or refuses the new retry options, and what glooctl uninstall
 * must leave (step 8) when a custom resource went with the release.
 */
class CanaryChecksTest {

  @TempDir
  Path workDir;
  private TwinWorld world;

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void aRouteForTheNewVersionFailsWhenTheClusterStillHasTheOldCrds() {
    start(Faults.none());
    CanaryRoute route = new CanaryRoute(world.client, "gloo-system", "default");

    assertThatThrownBy(() -> route.add(new GlooInstallation("gloo-system-1-20-22", "1.20.22"), "/canary-pets"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the cluster dropped the retry options [rateLimitedRetryBackOff] from the route "
            + "/canary-pets of VirtualService gloo-system/default")
        .hasMessageContaining("the CRDs of 1.20.22 are not applied");
  }

  @Test
  void aRouteForTheNewVersionIsRefusedByAnOldWebhookThatRejectsNewFields() {
    start(Faults.none().oldWebhookRejectsNewFields());
    world.gloo.applyCrdsOf(Edition.OSS, "1.20.22");
    CanaryRoute route = new CanaryRoute(world.client, "gloo-system", "default");

    assertThatThrownBy(() -> route.add(new GlooInstallation("gloo-system-1-20-22", "1.20.22"), "/canary-pets"))
        .hasMessageContaining("the cluster refused the change to VirtualService gloo-system/default")
        .hasMessageContaining("rateLimitedRetryBackOff");
  }

  @Test
  void anUninstallThatTakesCustomResourcesAlongIsCaught() {
    start(Faults.none());
    UninstallRemains remains = UninstallRemains.before(world.client, "gloo-system");
    world.gloo.glooctl().uninstall(new GlooInstallation("gloo-system", "1.18.41"));
    world.client.genericKubernetesResources(TwinWorld.VIRTUAL_SERVICES).inNamespace("gloo-system").withName("default")
        .delete();

    assertThatThrownBy(remains::verify).isInstanceOf(AssertionError.class)
        .hasMessageContaining("glooctl uninstall -n gloo-system must remove only the Helm release, but the custom "
            + "resources [VirtualService default] were deleted");
  }

  private void start(Faults faults) {
    ProxyStartup.Gate gate = new ProxyStartup.Gate();
    gate.open();
    world = new TwinWorld(workDir, gate, faults);
    world.install("gloo-system", "1.18.41", Map.of());
    world.applySample("petstore.yaml");
    world.applySample("all-pets-virtualservice.yaml");
  }
}
