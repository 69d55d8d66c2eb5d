package io.glooupgrade.selftest.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.selftest.support.TwinWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture chart's hook Jobs run for real on the embedded cluster, and the world ends up as the
 * objects say it must (GLOO_CHARTS.md, sections 2 and 6): install runs certgen (the Secret the gloo
 * pod mounts, both webhooks' caBundle) and the rollout Job (the Gateways, applied by kubectl); an
 * upgrade deletes and recreates the rollout Job through the pre-upgrade cleanup Job and rotates the
 * certificate; uninstall's pre-delete Job deletes the webhook and, lacking the right to read CRDs,
 * leaves the Gateways.
 */
class ChartHookJobsTest {

  private static final String NS = "gloo-system";
  private static final String WEBHOOK = "gloo-gateway-validation-webhook-" + NS;
  private TwinWorld world;

  @BeforeEach
  void start(@TempDir Path dir) {
    world = new TwinWorld(dir, ProxyStartup.after(Duration.ZERO));
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void installUpgradeAndUninstallRunTheChartsJobsWithTheOutcomesTheirScriptsAndRightsGive() {
    world.install(NS, "1.18.41", Map.of());

    Secret certs = world.client.secrets().inNamespace(NS).withName("gateway-validation-certs").get();
    assertThat(certs.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(certs.getData()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
    assertThat(caBundles()).hasSize(2).allSatisfy(b -> assertThat(b).isEqualTo(certs.getData().get("ca.crt")));
    Job rollout = job("gloo-resource-rollout");
    assertThat(complete(rollout)).isTrue();
    assertThat(log("gloo-resource-rollout")).contains("gateway.gateway.solo.io/gateway-proxy created")
        .contains("gateway.gateway.solo.io/gateway-proxy-ssl created");
    assertThat(gateways()).allSatisfy(g -> assertThat(g.getMetadata().getAnnotations())
        .containsKey("kubectl.kubernetes.io/last-applied-configuration").doesNotContainKey("helm.sh/resource-policy"));
    assertThat(log("gloo-resource-rollout-check")).contains("The resource rollout job successfully applied all the "
        + "resources");

    world.gloo.helm().upgrade(new GlooInstallation(NS, "1.19.20").helmRelease());
    world.gloo.releases().awaitRolledOut(new GlooInstallation(NS, "1.19.20"));

    assertThat(log("gloo-resource-rollout-cleanup")).contains("Cleaning up resource-rollout-job");
    await().atMost(TwinWorld.TIMEOUT).until(() -> job("gloo-resource-rollout") != null
        && !job("gloo-resource-rollout").getMetadata().getUid().equals(rollout.getMetadata().getUid())
        && complete(job("gloo-resource-rollout")));
    assertThat(job("gloo-resource-rollout").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("quay.io/solo-io/kubectl:1.19.20");
    assertThat(complete(job("gloo-resource-migration"))).isTrue();
    // The migration's account went with its hook-succeeded policy; the Job stays for its TTL.
    assertThat(world.client.serviceAccounts().inNamespace(NS).withName("gloo-resource-migration").get()).isNull();
    Secret rotated = world.client.secrets().inNamespace(NS).withName("gateway-validation-certs").get();
    assertThat(rotated.getData().get("tls.crt")).isNotEqualTo(certs.getData().get("tls.crt"));
    assertThat(caBundles()).hasSize(2).allSatisfy(b -> assertThat(b).isEqualTo(rotated.getData().get("ca.crt")));

    world.gloo.helm().uninstall(NS, "gloo");

    assertThat(world.client.admissionRegistration().v1().validatingWebhookConfigurations().withName(WEBHOOK).get())
        .isNull();
    assertThat(log("gloo-resource-cleanup")).contains("Could not find Upstream CRD. Gloo Edge CRDs may have already "
        + "been deleted. Skipping cleanup of Gloo Edge resources.");
    assertThat(gateways()).extracting(g -> g.getMetadata().getName())
        .containsExactlyInAnyOrder("gateway-proxy", "gateway-proxy-ssl");
  }

  private List<String> caBundles() {
    ValidatingWebhookConfiguration webhooks = world.client.admissionRegistration().v1()
        .validatingWebhookConfigurations().withName(WEBHOOK).get();
    // fabric8 keeps the caBundle as the API's JSON carries it: base64, like the Secret's data.
    return webhooks.getWebhooks().stream().map(w -> w.getClientConfig().getCaBundle()).toList();
  }

  private List<GenericKubernetesResource> gateways() {
    return world.client.genericKubernetesResources(TwinWorld.GATEWAYS).inNamespace(NS).list().getItems();
  }

  private Job job(String name) {
    return world.client.batch().v1().jobs().inNamespace(NS).withName(name).get();
  }

  private static boolean complete(Job job) {
    return job != null && job.getStatus() != null && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Complete")
            && c.getStatus().equals("True"));
  }

  /** {@code kubectl logs job/NAME}: the log of the Job's newest pod. */
  private String log(String job) {
    await().atMost(Duration.ofSeconds(20)).until(() -> !pods(job).isEmpty());
    Pod pod = pods(job).get(pods(job).size() - 1);
    return world.client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).getLog();
  }

  private List<Pod> pods(String job) {
    return world.client.pods().inNamespace(NS).withLabel("job-name", job).list().getItems().stream()
        .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getCreationTimestamp())).toList();
  }
}
