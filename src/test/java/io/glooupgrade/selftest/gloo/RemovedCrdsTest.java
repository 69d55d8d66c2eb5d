package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.gloo.install.ChartChanges;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.checks.PreparationVerdicts;
import io.glooupgrade.gloo.install.RemovedCrds;
import io.glooupgrade.selftest.support.TwinWorldTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Step 4.2.1 when the new chart no longer has a CRD (the fault removes directresponses from the
 * 1.19.20 chart): the review finds it, the deletion is refused while a DirectResponse is stored
 * under it, and once that is gone the CRD is deleted and the check that none is left passes.
 */
class RemovedCrdsTest extends TwinWorldTest {

  private static final String REMOVED = "directresponses.gateway.gloo.solo.io";
  private static final ResourceDefinitionContext DIRECT_RESPONSES = new ResourceDefinitionContext.Builder()
      .withGroup("gateway.gloo.solo.io").withVersion("v1alpha1").withPlural("directresponses")
      .withKind("DirectResponse").withNamespaced(true).build();



  @Test
  void aRemovedCrdIsDeletedOnceNoResourceIsStoredUnderIt() {
    start(Faults.none().chartMissingCrd("1.19.20", REMOVED));
    world.install("gloo-system", "1.18.41", Map.of());
    ChartChanges changes = ChartChanges.review(world.gloo.helm(), Edition.OSS, "1.18.41", "1.19.20");
    assertThat(changes.removedCrds()).containsExactly(REMOVED);
    RemovedCrds removed = new RemovedCrds(world.client, changes.removedCrds());
    assertThat(removed.inCluster()).containsExactly(REMOVED);
    assertThatThrownBy(() -> PreparationVerdicts.noRemovedCrdLeft(removed.inCluster(), "1.19.20"))
        .hasMessageContaining("still in the cluster: [" + REMOVED + "]");

    GenericKubernetesResource stored = new GenericKubernetesResourceBuilder()
        .withApiVersion("gateway.gloo.solo.io/v1alpha1").withKind("DirectResponse")
        .withNewMetadata().withName("teapot").withNamespace("gloo-system").endMetadata().build();
    world.client.genericKubernetesResources(DIRECT_RESPONSES).inNamespace("gloo-system").resource(stored).create();
    assertThat(removed.customResources()).isEqualTo(Map.of(REMOVED, List.of("gloo-system/teapot")));
    assertThatThrownBy(() -> PreparationVerdicts.noRemovedCrdHoldsResources(removed.customResources(), "1.19.20"))
        .hasMessageContaining(REMOVED + ": 1 left (gloo-system/teapot)");
    assertThatThrownBy(() -> removed.delete("1.19.20")).hasMessageContaining("still hold custom resources");
    assertThat(removed.inCluster()).as("nothing deleted while a resource is stored").containsExactly(REMOVED);

    world.client.genericKubernetesResources(DIRECT_RESPONSES).inNamespace("gloo-system").withName("teapot").delete();
    assertThat(removed.delete("1.19.20")).containsExactly(REMOVED);
    assertThat(removed.inCluster()).isEmpty();
    PreparationVerdicts.noRemovedCrdLeft(removed.inCluster(), "1.19.20");
    assertThat(new RemovedCrds(world.client, List.of()).delete("1.19.20")).as("none removed: nothing to do").isEmpty();
  }
}
