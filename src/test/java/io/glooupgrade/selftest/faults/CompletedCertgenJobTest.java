package io.glooupgrade.selftest.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.helm.HelmCommandException;
import io.glooupgrade.selftest.support.TwinWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completed {@code gateway-certgen} Job of upgrade-steps.md, Step 5: on a cluster that ignores
 * {@code ttlSecondsAfterFinished} it stays, and when the chart ships it as a plain resource the
 * next upgrade's patch of its pod template is refused as immutable, until the Job is deleted.
 * As a Helm hook (the chart as shipped) it is deleted and recreated, and the upgrade just works.
 */
class CompletedCertgenJobTest {

  private static final String NS = "gloo-system";
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
  void aCertgenJobShippedWithoutItsHookFailsTheUpgradeAsImmutableUntilItIsDeleted() {
    faults.certgenJobWithoutHook();
    world = installed("1.18.41");
    Job completed = awaitCompletedCertgenAt("1.18.41");
    assertThat(completed.getMetadata().getAnnotations()).as("a plain resource of the release")
        .doesNotContainKey("helm.sh/hook").containsEntry("meta.helm.sh/release-name", "gloo");

    HelmCommandException failed = catchThrowableOfType(() -> world.upgradeTo("1.19.20"), HelmCommandException.class);
    assertThat(failed).as("helm upgrade to 1.19.20").isNotNull();
    assertThat(failed.getMessage()).contains("gateway-certgen").contains("field is immutable");
    assertThat(image(certgen().get())).as("the completed Job is unchanged").endsWith(":1.18.41");

    // The documented fix: kubectl delete job gateway-certgen, then apply the upgrade again.
    certgen().delete();
    await().atMost(TIMEOUT).until(() -> certgen().get() == null);
    world.upgradeTo("1.19.20");
    world.twin.gloo.releases().awaitRolledOut(new GlooInstallation(NS, "1.19.20"));
    awaitCompletedCertgenAt("1.19.20");
  }

  @Test
  void asAHelmHookTheCompletedCertgenJobIsRecreatedAndTheUpgradeSucceeds() {
    world = installed("1.18.41");
    Job before = awaitCompletedCertgenAt("1.18.41");
    assertThat(before.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "pre-install,pre-upgrade");
    // Gone before the upgrade, so that only the recreated rollout Job can bring it back.
    world.twin.client.genericKubernetesResources(TwinWorld.GATEWAYS).inNamespace(NS).withName("gateway-proxy").delete();
    await().atMost(TIMEOUT).until(() -> world.twin.get(TwinWorld.GATEWAYS, NS, "gateway-proxy") == null);

    world.upgradeTo("1.19.20");
    world.twin.gloo.releases().awaitRolledOut(new GlooInstallation(NS, "1.19.20"));
    Job after = awaitCompletedCertgenAt("1.19.20");
    assertThat(after.getMetadata().getUid()).as("deleted and recreated, not patched")
        .isNotEqualTo(before.getMetadata().getUid());
    assertThat(image(world.twin.client.batch().v1().jobs().inNamespace(NS).withName("gloo-resource-rollout").get()))
        .as("the rollout Job, a hook too").endsWith(":1.19.20");
    await("the default Gateway, applied again by the rollout Job").atMost(TIMEOUT)
        .until(() -> world.twin.get(TwinWorld.GATEWAYS, NS, "gateway-proxy") != null);
  }

  private FaultWorld installed(String version) {
    FaultWorld w = new FaultWorld(workDir, ProxyStartup.after(Duration.ZERO), faults);
    w.twin.install(NS, version, Map.of());
    return w;
  }

  private Resource<Job> certgen() {
    return world.twin.client.batch().v1().jobs().inNamespace(NS).withName("gateway-certgen");
  }

  private Job awaitCompletedCertgenAt(String version) {
    return await().atMost(TIMEOUT).until(() -> certgen().get(), job -> job != null
        && image(job).endsWith(":" + version) && job.getStatus() != null && job.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Complete") && c.getStatus().equals("True")));
  }

  private static String image(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }
}
