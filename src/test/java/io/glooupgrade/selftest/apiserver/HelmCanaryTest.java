package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary for DESIGN.md, "The embedded cluster", run with real Helm (helm-java, client-go inside):
 * the behaviours Helm depends on, so a helm-java upgrade shows at once what changed.
 * <ul>
 *   <li>{@link #releaseLifecycle()} guards 2 (Helm's release Secrets arrive as protobuf and are stored),
 *       4 ({@code helm list} finds exactly the release, through a typed SecretList) and 6 ({@code helm
 *       upgrade --set replicaCount=2} patches the Deployment strategically); on the way also 1, 3 and 5.</li>
 *   <li>{@link #secondReleaseCreatesItsExistingNamespace()} guards 5: {@code --create-namespace} into a
 *       namespace that exists only works if the 409 says AlreadyExists; and 4: list finds both releases.</li>
 *   <li>{@link #chartCrdsAreEstablishedAndTheirResourcesPruned()} guards 8 (Helm waits for its
 *       {@code crds/} to be Established before it goes on), 1 (the new kind is discoverable for Helm's
 *       REST mapper) and 9 (the custom resource Helm writes loses fields its CRD does not declare).</li>
 * </ul>
 */
class HelmCanaryTest extends EmbeddedApiCanary {

  private static final String NS = "demo";

  @TempDir
  Path charts;

  private String kubeconfig;

  @BeforeEach
  void prepare() {
    kubeconfig = clients.kubeconfig();
  }

  @Test
  void releaseLifecycle() {
    Path chart = demoChart();

    Release installed = new Helm(chart).install().withName("demo").withNamespace(NS).createNamespace()
        .withKubeConfigContents(kubeconfig).call();
    assertEquals("deployed", installed.getStatus());
    assertEquals("1", installed.getRevision());
    try (KubernetesClient fabric8 = clients.fabric8()) {
      assertNotNull(fabric8.namespaces().withName(NS).get(), "--create-namespace");
      Secret v1 = releaseSecret(fabric8, 1);
      assertEquals("helm.sh/release.v1", v1.getType());
      Map<String, String> labels = v1.getMetadata().getLabels();
      assertTrue(labels.entrySet().containsAll(
          Map.of("name", "demo", "owner", "helm", "status", "deployed", "version", "1").entrySet()),
          "the labels helm list selects by: " + labels);
      assertTrue(Base64.getDecoder().decode(v1.getData().get("release")).length > 0, "the release payload");
      assertEquals(1, fabric8.apps().deployments().inNamespace(NS).withName("demo").get().getSpec().getReplicas());
      assertNotNull(fabric8.services().inNamespace(NS).withName("demo").get());
    }

    Release upgraded = new Helm(chart).upgrade().withName("demo").withNamespace(NS).set("replicaCount", 2)
        .withKubeConfigContents(kubeconfig).call();
    assertEquals("deployed", upgraded.getStatus());
    assertEquals("2", upgraded.getRevision());
    try (KubernetesClient fabric8 = clients.fabric8()) {
      assertEquals(2, fabric8.apps().deployments().inNamespace(NS).withName("demo").get().getSpec().getReplicas());
      assertEquals("superseded", releaseSecret(fabric8, 1).getMetadata().getLabels().get("status"));
      assertEquals("deployed", releaseSecret(fabric8, 2).getMetadata().getLabels().get("status"));
    }

    List<Release> releases = Helm.list().withNamespace(NS).withKubeConfigContents(kubeconfig).call();
    assertEquals(1, releases.size(), "helm list finds the release: " + releases);
    assertEquals("demo", releases.get(0).getName());
    assertEquals("2", releases.get(0).getRevision());
    assertEquals("deployed", releases.get(0).getStatus());
    List<ReleaseHistory> history = Helm.history("demo").withNamespace(NS).withKubeConfigContents(kubeconfig).call();
    assertEquals(List.of("superseded", "deployed"), history.stream().map(ReleaseHistory::getStatus).toList());

    String uninstalled = Helm.uninstall("demo").withNamespace(NS).withKubeConfigContents(kubeconfig).call();
    assertTrue(uninstalled.contains("release \"demo\" uninstalled"), uninstalled);
    assertEquals(List.of(), Helm.list().withNamespace(NS).withKubeConfigContents(kubeconfig).call());
    try (KubernetesClient fabric8 = clients.fabric8()) {
      assertNull(fabric8.apps().deployments().inNamespace(NS).withName("demo").get());
      assertNull(fabric8.services().inNamespace(NS).withName("demo").get());
      assertEquals(List.of(), fabric8.secrets().inNamespace(NS).withLabel("owner", "helm").list().getItems());
    }
  }

  @Test
  void secondReleaseCreatesItsExistingNamespace() {
    Path chart = demoChart();
    new Helm(chart).install().withName("demo").withNamespace(NS).createNamespace()
        .withKubeConfigContents(kubeconfig).call();
    Release second = new Helm(chart).install().withName("demo-canary").withNamespace(NS).createNamespace()
        .withKubeConfigContents(kubeconfig).call();
    assertEquals("deployed", second.getStatus());
    List<String> names = Helm.list().withNamespace(NS).withKubeConfigContents(kubeconfig).call().stream()
        .map(Release::getName).sorted().toList();
    assertEquals(List.of("demo", "demo-canary"), names);
  }

  @Test
  void chartCrdsAreEstablishedAndTheirResourcesPruned() throws IOException {
    Path chart = charts.resolve("gateway");
    Files.createDirectories(chart.resolve("crds"));
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: gateway\nversion: 1.12.0\n");
    Files.writeString(chart.resolve("crds/virtualservice.yaml"), Manifests.virtualServiceCrd());
    Files.writeString(chart.resolve("templates/petstore.yaml"), Manifests.virtualServiceWithNewerFields("petstore"));

    Release installed = new Helm(chart).install().withName("gateway").withNamespace(Manifests.NAMESPACE)
        .createNamespace().withKubeConfigContents(kubeconfig).call();
    assertEquals("deployed", installed.getStatus());

    ApiClients.Reply petstore = clients.get(Manifests.VS_COLLECTION + "/petstore");
    assertEquals(200, petstore.code(), "Helm created the custom resource: " + petstore.text());
    JsonNode route = petstore.json().path("spec").path("virtualHost").path("routes").get(0);
    assertEquals(ApiClients.parse("{\"retryOn\":\"5xx\",\"numRetries\":3}"), route.path("options").path("retries"),
        "retryBackOff pruned by the older CRD: " + petstore.text());
    assertFalse(petstore.json().has("topLevelField"), petstore.text());
  }

  private Path demoChart() {
    Helm.create().withName("demo").withDir(charts).call();
    return charts.resolve("demo");
  }

  private static Secret releaseSecret(KubernetesClient fabric8, int revision) {
    Secret secret = fabric8.secrets().inNamespace(NS).withName("sh.helm.release.v1.demo.v" + revision).get();
    assertNotNull(secret, "release secret v" + revision);
    return secret;
  }
}
