package io.glooupgrade.selftest.gloo;

import io.glooupgrade.gloo.Edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.ReleaseHistory;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.selftest.support.TwinWorld;
import io.glooupgrade.selftest.support.TwinWorldTest;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The note of Upgrade Steps, step 5, in the upgrade action itself: with the completed
 * gateway-certgen Job left over as a plain resource (fault), the first helm upgrade fails because
 * the Job is immutable; the harness deletes the Job and applies the upgrade again, which succeeds.
 * Helm's history keeps the failed attempt as the record that it happened.
 */
class ImmutableCertgenJobUpgradeTest extends TwinWorldTest {

  private static final String NS = "gloo-system";



  @Test
  void theCompletedCertgenJobIsDeletedAndTheUpgradeAppliedAgain() {
    start(Faults.none().certgenJobWithoutHook());
    world.install(NS, "1.18.41", Map.of());
    Job before = awaitCompletedCertgenAt("1.18.41");

    world.gloo.applyCrdsOf(Edition.OSS, "1.19.20");
    GlooInstallation upgraded = world.gloo.releases().upgradeWithValuesInUse(new GlooInstallation(NS, "1.18.41"), "1.19.20");

    assertThat(upgraded.version()).isEqualTo("1.19.20");
    Job after = awaitCompletedCertgenAt("1.19.20");
    assertThat(after.getMetadata().getUid()).as("deleted and created again").isNotEqualTo(before.getMetadata().getUid());
    // Revision 2 is the attempt that failed on the Job; revision 3 the upgrade applied again.
    assertThat(world.gloo.helm().history(NS, "gloo").stream()
        .sorted(Comparator.comparingInt(ReleaseHistory::getRevision))
        .map(r -> r.getRevision() + " " + r.getStatus() + " " + r.getDescription()).toList())
        .satisfiesExactly(r1 -> assertThat(r1).startsWith("1 superseded"),
            r2 -> assertThat(r2).startsWith("2 failed").contains("gateway-certgen").contains("field is immutable"),
            r3 -> assertThat(r3).startsWith("3 deployed"));
  }

  private Job awaitCompletedCertgenAt(String version) {
    return await().atMost(TwinWorld.TIMEOUT).until(
        () -> world.client.batch().v1().jobs().inNamespace(NS).withName("gateway-certgen").get(),
        job -> job != null && job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
            .endsWith(":" + version) && job.getStatus() != null && job.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Complete") && c.getStatus().equals("True")));
  }
}
