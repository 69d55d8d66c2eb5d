package io.glooupgrade.selftest.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.glooupgrade.embedded.EmbeddedCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded controllers do what kube-controller-manager and the kubelet would. The images are
 * neutral on purpose: a Gloo image would make the twin run Gloo in the pod.
 */
class ControllersTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private EmbeddedCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = EmbeddedCluster.start("test", "1.31.4");
    client = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder()
        .withMasterUrl(cluster.url()).build()).build();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata().build())
        .create();
  }

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  @Test
  void deploymentRollsOutPodsWithTheTemplatesImageLabelsAndAnnotations() {
    client.apps().deployments().inNamespace("apps").resource(deployment("gloo", "registry.example/web:1.18.41", 2))
        .create();
    await().atMost(TIMEOUT).until(() -> available("gloo"));
    List<Pod> pods = client.pods().inNamespace("apps").withLabel("gloo", "gloo").list().getItems();
    assertThat(pods).hasSize(2).allSatisfy(p -> {
      assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:1.18.41");
      assertThat(p.getMetadata().getAnnotations()).containsEntry("gloo.solo.io/oss-image-tag", "1.18.41");
      assertThat(p.getStatus().getPhase()).isEqualTo("Running");
      assertThat(p.getStatus().getConditions()).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo("Ready");
        assertThat(c.getStatus()).isEqualTo("True");
      });
    });
    Deployment d = client.apps().deployments().inNamespace("apps").withName("gloo").get();
    assertThat(d.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
        .containsExactlyInAnyOrder("Available=True", "Progressing=True");
  }

  @Test
  void rollingUpdateReplacesEveryPodWithTheNewImage() {
    client.apps().deployments().inNamespace("apps").resource(deployment("gloo", "registry.example/web:1.18.41", 1))
        .create();
    await().atMost(TIMEOUT).until(() -> available("gloo"));
    String oldPod = client.pods().inNamespace("apps").withLabel("gloo", "gloo").list().getItems().get(0)
        .getMetadata().getName();
    client.apps().deployments().inNamespace("apps").withName("gloo").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example/web:1.19.20");
      return d;
    });
    await().atMost(TIMEOUT).untilAsserted(() -> {
      List<Pod> pods = client.pods().inNamespace("apps").withLabel("gloo", "gloo").list().getItems();
      assertThat(pods).hasSize(1);
      assertThat(pods.get(0).getMetadata().getName()).isNotEqualTo(oldPod);
      assertThat(pods.get(0).getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example/web:1.19.20");
    });
    await().atMost(TIMEOUT).until(() -> available("gloo"));
  }

  @Test
  void aJobOfAnUnmodelledImageCompletesAndStaysWithoutATtlAndIsListedAsUnmodelled() {
    client.batch().v1().jobs().inNamespace("apps").resource(new JobBuilder().withNewMetadata()
        .withName("batch").endMetadata().withNewSpec().withNewTemplate()
        .withNewSpec().addNewContainer().withName("batch").withImage("registry.example/batch:1")
        .endContainer().withRestartPolicy("OnFailure").endSpec().endTemplate().endSpec().build()).create();
    await().atMost(TIMEOUT).until(() -> {
      var job = client.batch().v1().jobs().inNamespace("apps").withName("batch").get();
      return job.getStatus() != null && Integer.valueOf(1).equals(job.getStatus().getSucceeded());
    });
    assertThat(client.batch().v1().jobs().inNamespace("apps").withName("batch").get()).isNotNull();
    assertThat(cluster.controllers().unmodelledImages()).containsExactly("registry.example/batch:1");
  }


  @Test
  void loadBalancerServicesGetALoopbackIngressAndEveryServiceAClusterIp() {
    client.services().inNamespace("apps").resource(new ServiceBuilder().withNewMetadata().withName("gateway-proxy")
        .endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withName("http").withPort(80)
        .withNewTargetPort(8080).endPort().endSpec().build()).create();
    // Until the controller writes it, the Service has no status: not a failure, a reason to look again.
    await().atMost(TIMEOUT).ignoreExceptionsInstanceOf(NullPointerException.class).untilAsserted(() -> {
      var svc = client.services().inNamespace("apps").withName("gateway-proxy").get();
      assertThat(svc.getSpec().getClusterIP()).startsWith("10.96.");
      assertThat(svc.getStatus().getLoadBalancer().getIngress()).singleElement()
          .satisfies(i -> assertThat(i.getIp()).isEqualTo("127.0.0.1"));
    });
  }

  @Test
  void deletingANamespaceRemovesWhatIsInIt() {
    client.apps().deployments().inNamespace("apps").resource(deployment("gloo", "registry.example/web:1.18.41", 1))
        .create();
    await().atMost(TIMEOUT).until(() -> available("gloo"));
    client.namespaces().withName("apps").delete();
    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(client.apps().deployments().inNamespace("apps").list().getItems()).isEmpty();
      assertThat(client.apps().replicaSets().inNamespace("apps").list().getItems()).isEmpty();
      assertThat(client.pods().inNamespace("apps").list().getItems()).isEmpty();
    });
  }

  private boolean available(String name) {
    Deployment d = client.apps().deployments().inNamespace("apps").withName(name).get();
    return d != null && d.getStatus() != null && d.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Available") && c.getStatus().equals("True"))
        && d.getStatus().getUpdatedReplicas() != null
        && d.getStatus().getUpdatedReplicas().equals(d.getSpec().getReplicas())
        && d.getStatus().getReplicas().equals(d.getSpec().getReplicas());
  }

  private static Deployment deployment(String name, String image, int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName(name).addToLabels("app", "gloo")
        .addToLabels("gloo", name).endMetadata().withNewSpec().withReplicas(replicas).withNewSelector()
        .addToMatchLabels("gloo", name).endSelector().withNewTemplate().withNewMetadata()
        .addToLabels("gloo", name).addToAnnotations("gloo.solo.io/oss-image-tag", image.substring(image.indexOf(':') + 1))
        .endMetadata().withNewSpec().addNewContainer().withName(name).withImage(image).endContainer().endSpec()
        .endTemplate().endSpec().build();
  }
}
