package io.glooupgrade.selftest.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.glooupgrade.embedded.EmbeddedWorld;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.gloo.federation.ClusterRegistration;
import io.glooupgrade.gloo.install.CustomResourceDefinitions;
import io.glooupgrade.helm.HelmRelease;
import io.glooupgrade.helm.HelmService;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.selftest.support.TwinWorld;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Federation in the twin, as the canary guide runs it: gloo-fed 1.12 and 1.13 side by side on the
 * management cluster, remote1 (Enterprise 1.12) registered with the old one and remote2
 * (Enterprise 1.13) with the new one, and the guide's FederatedVirtualService placed by both.
 */
class FederationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ResourceDefinitionContext FEDERATED_VIRTUAL_SERVICES = new ResourceDefinitionContext.Builder()
      .withGroup("fed.gateway.solo.io").withVersion("v1").withPlural("federatedvirtualservices")
      .withKind("FederatedVirtualService").withNamespaced(true).build();
  private static final String LICENCE = "embedded-federation-test-licence";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path workDir;
  private final Faults faults = Faults.none();
  private final List<AutoCloseable> open = new ArrayList<>();
  private EmbeddedWorld world;

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    world.close();
  }

  @Test
  void bothFederationVersionsPlaceTheGuidesVirtualServiceAndEachRemotePrunesWhatItsVersionLacks() {
    KubernetesClient management = federationSideBySide();

    await().atMost(TIMEOUT).untilAsserted(() -> {
      JsonNode placements = placementStatuses(management);
      assertThat(placements.at("/gloo-system/clusters/remote1/namespaces/gloo-system/state").asText())
          .as("placement statuses %s", placements).isEqualTo("PLACED");
      assertThat(placements.at("/gloo-system-1-13-30/clusters/remote2/namespaces/gloo-system/state").asText())
          .as("placement statuses %s", placements).isEqualTo("PLACED");
    });
    JsonNode remote1Retries = retriesOfPlacedVirtualService("remote1");
    JsonNode remote2Retries = retriesOfPlacedVirtualService("remote2");
    assertThat(remote1Retries.path("numRetries").asInt()).isEqualTo(10);
    assertThat(remote1Retries.has("retryBackOff")).as("1.12 does not know retryBackOff").isFalse();
    assertThat(remote2Retries.path("numRetries").asInt()).isEqualTo(10);
    assertThat(remote2Retries.path("retryBackOff").path("baseInterval").asText()).isEqualTo("1s");
  }

  @Test
  void aFailingPlacementIsReportedFailedWithAMessage() {
    faults.failPlacements();
    KubernetesClient management = federationSideBySide();
    await().atMost(TIMEOUT).untilAsserted(() -> {
      JsonNode remote1 = placementStatuses(management).at("/gloo-system/clusters/remote1/namespaces/gloo-system");
      assertThat(remote1.path("state").asText()).isEqualTo("FAILED");
      assertThat(remote1.path("message").asText()).contains("failed to place");
    });
  }

  @Test
  void aRemoteWithoutTheGlooCrdsFailsPlacementNamingTheMissingKind() {
    world = EmbeddedWorld.start("1.31.4", ProxyStartup.after(Duration.ZERO), faults, List.of("management",
        "remote1"));
    KubernetesClient management = client("management");
    HelmService helm = helm("management");
    helm.repoAdd("gloo-fed", world.helmRepositoryUrls().get("gloo-fed"));
    helm.install(HelmRelease.of("gloo-fed", "gloo-system", "gloo-fed", "gloo-fed", "1.12.55")
        .withSet("license_key", LICENCE));
    new ClusterRegistration(management).register("remote1", client("remote1"), "remote1", "gloo-system",
        "gloo-system");
    applyGuideExample(management);

    await().atMost(TIMEOUT).untilAsserted(() -> {
      JsonNode remote1 = placementStatuses(management).at("/gloo-system/clusters/remote1/namespaces/gloo-system");
      assertThat(remote1.path("state").asText()).isEqualTo("FAILED");
      assertThat(remote1.path("message").asText()).contains("virtualservices");
    });
  }

  /** The guide's set-up: both federation versions, one remote registered with each, the example applied. */
  private KubernetesClient federationSideBySide() {
    world = EmbeddedWorld.start("1.31.4", ProxyStartup.after(Duration.ZERO), faults, List.of("management",
        "remote1", "remote2"));
    installEnterprise("remote1", "1.12.55");
    installEnterprise("remote2", "1.13.30");
    KubernetesClient management = client("management");
    HelmService helm = helm("management");
    helm.repoAdd("gloo-fed", world.helmRepositoryUrls().get("gloo-fed"));
    helm.install(HelmRelease.of("gloo-fed", "gloo-system", "gloo-fed", "gloo-fed", "1.12.55")
        .withSet("license_key", LICENCE));
    new CustomResourceDefinitions(management).apply(CustomResourceDefinitions.parse(
        helm.showCrds("gloo-fed", "gloo-fed", "1.13.30")), "kubectl apply -f gloo-fed/crds");
    helm.install(HelmRelease.of("gloo-fed", "gloo-system-1-13-30", "gloo-fed", "gloo-fed", "1.13.30")
        .withSet("license_key", LICENCE));
    ClusterRegistration registration = new ClusterRegistration(management);
    registration.register("remote1", client("remote1"), "remote1", "gloo-system", "gloo-system");
    registration.register("remote2", client("remote2"), "remote2", "gloo-system-1-13-30", "gloo-system");
    applyGuideExample(management);
    return management;
  }

  private void installEnterprise(String cluster, String version) {
    HelmService helm = helm(cluster);
    helm.repoAdd("glooe", world.helmRepositoryUrls().get("glooe"));
    helm.install(HelmRelease.of("gloo", "gloo-system", "glooe", "gloo-ee", version).withSet("license_key", LICENCE));
  }

  private void applyGuideExample(KubernetesClient management) {
    management.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("gloo-fed").endMetadata()
        .build()).create();
    try (InputStream yaml = getClass().getResourceAsStream("/samples/my-fed-vs.yaml")) {
      management.load(yaml).items().forEach(o -> management.resource(o).create());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode placementStatuses(KubernetesClient management) {
    GenericKubernetesResource fvs = management.genericKubernetesResources(FEDERATED_VIRTUAL_SERVICES)
        .inNamespace("gloo-fed").withName("my-fed-vs").get();
    return JSON.valueToTree(fvs.getAdditionalProperties().get("status")).path("namespacedPlacementStatuses");
  }

  private JsonNode retriesOfPlacedVirtualService(String cluster) {
    GenericKubernetesResource vs = client(cluster).genericKubernetesResources(TwinWorld.VIRTUAL_SERVICES)
        .inNamespace("gloo-system").withName("my-vs").get();
    assertThat(vs).as("my-vs placed in %s", cluster).isNotNull();
    return JSON.valueToTree(vs.getAdditionalProperties().get("spec"))
        .at("/virtualHost/routes/0/options/retries");
  }

  private KubernetesClient client(String cluster) {
    KubernetesClient client = new KubeContext(cluster, world.kubeconfigs().get(cluster)).newClient();
    open.add(client);
    return client;
  }

  private HelmService helm(String cluster) {
    try {
      return new HelmService(new KubeContext(cluster, world.kubeconfigs().get(cluster)),
          Files.createDirectories(workDir.resolve(cluster)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
