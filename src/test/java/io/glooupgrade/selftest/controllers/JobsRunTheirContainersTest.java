package io.glooupgrade.selftest.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.glooupgrade.embedded.EmbeddedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Job's outcome is what its containers do: a {@code kubectl} image runs its script with a real
 * kubectl against the embedded API, reading its mounted ConfigMap and its env, in a shell that
 * accepts the Alpine image's {@code ==} tests; a failing script
 * fails the Job after backoffLimit retries; a missing volume keeps the pod ContainerCreating with
 * the kubelet's event; a finished Job goes after its ttlSecondsAfterFinished.
 */
class JobsRunTheirContainersTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String KUBECTL_IMAGE = "quay.io/solo-io/kubectl:1.19.20";
  private EmbeddedCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    Assumptions.assumeTrue(kubectlOnPath(), "no kubectl on the PATH: install kubectl v1.32 (or Debian's "
        + "kubernetes-client) to run the charts' kubectl Jobs");
    cluster = EmbeddedCluster.start("test", "1.31.4");
    client = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder()
        .withMasterUrl(cluster.url()).build()).build();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("jobs").endMetadata().build())
        .create();
    client.configMaps().inNamespace("jobs").resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
        .endMetadata().addToData("flag", "true").addToData("resource", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: applied-by-the-job
            data:
              from: script
            """).build()).create();
    // The Jobs run as the namespace's default ServiceAccount, which may manage ConfigMaps there.
    client.rbac().roles().inNamespace("jobs").resource(new RoleBuilder().withNewMetadata().withName("configmaps")
        .endMetadata().addNewRule().withApiGroups("").withResources("configmaps")
        .withVerbs("get", "list", "create", "patch", "update").endRule().build()).create();
    client.rbac().roleBindings().inNamespace("jobs").resource(new RoleBindingBuilder().withNewMetadata()
        .withName("configmaps").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role").withName("configmaps").endRoleRef().addNewSubject().withKind("ServiceAccount")
        .withName("default").withNamespace("jobs").endSubject().build()).create();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
      cluster.close();
    }
  }

  @Test
  void aKubectlScriptRunsForRealWithItsVolumeAndEnvAndCompletesTheJob() {
    client.batch().v1().jobs().inNamespace("jobs").resource(kubectlJob("apply", """
        echo "flag is $FLAG in $POD_NAMESPACE"
        if [ "$FLAG" == "true" ]; then kubectl apply -f /etc/settings/resource || exit $?; fi
        kubectl get configmap applied-by-the-job -o jsonpath='{.data.from}'
        """, 6, null)).create();
    Job job = awaitFinished("apply");
    assertThat(conditions(job)).contains("Complete");
    assertThat(client.configMaps().inNamespace("jobs").withName("applied-by-the-job").get().getData())
        .containsEntry("from", "script");
    Pod pod = podsOf("apply").get(0);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isZero();
    assertThat(client.pods().inNamespace("jobs").withName(pod.getMetadata().getName()).getLog())
        .contains("flag is true in jobs").contains("configmap/applied-by-the-job created").endsWith("script");
  }

  @Test
  void aScriptRunsTheKubectlOfTheServersVersionWhereTheMachineOffersIt() throws IOException {
    // Google Cloud SDK's kubectl dispatches each call to kubectl.1.<server minor>; the node runs that one.
    Path onPath = Arrays.stream(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, "kubectl"))
        .filter(Files::isExecutable).findFirst().orElseThrow();
    Assumptions.assumeTrue(Files.isExecutable(onPath.toRealPath().resolveSibling("kubectl.1.31")),
        "this machine's kubectl offers no kubectl.1.31 beside it");
    client.batch().v1().jobs().inNamespace("jobs").resource(kubectlJob("version",
        "kubectl version --client -o json; echo; echo PATH=$PATH; ls -l $(command -v kubectl)", 0, null)).create();
    assertThat(conditions(awaitFinished("version"))).contains("Complete");
    String log = client.pods().inNamespace("jobs").withName(podsOf("version").get(0).getMetadata().getName()).getLog();
    assertThat(log).contains("\"minor\": \"31\"").contains("kubectl.1.31");
  }

  @Test
  void aScriptActsAsItsServiceAccountSoWhatItsRbacDeniesIsForbiddenInItsLog() {
    client.batch().v1().jobs().inNamespace("jobs").resource(kubectlJob("denied",
        "kubectl get crd upstreams.gloo.solo.io || exit $?", 0, null)).create();
    Job job = awaitFinished("denied");
    assertThat(conditions(job)).contains("Failed");
    String log = client.pods().inNamespace("jobs").withName(podsOf("denied").get(0).getMetadata().getName()).getLog();
    assertThat(log).contains("customresourcedefinitions.apiextensions.k8s.io \"upstreams.gloo.solo.io\" is forbidden: "
        + "User \"system:serviceaccount:jobs:default\" cannot get resource \"customresourcedefinitions\"");
  }

  @Test
  void aScriptThatExitsNonZeroFailsTheJobOnceItsBackoffLimitIsSpent() {
    client.batch().v1().jobs().inNamespace("jobs").resource(kubectlJob("broken", "echo trying; exit 3", 2, null))
        .create();
    Job job = awaitFinished("broken");
    assertThat(conditions(job)).contains("Failed");
    assertThat(job.getStatus().getConditions()).anySatisfy(c ->
        assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded"));
    assertThat(job.getStatus().getFailed()).isEqualTo(3);
    assertThat(podsOf("broken")).hasSize(3).allSatisfy(p -> {
      assertThat(p.getStatus().getPhase()).isEqualTo("Failed");
      assertThat(p.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(3);
    });
  }

  @Test
  void aPodWhoseConfigMapIsMissingStaysContainerCreatingWithTheKubeletsEvent() {
    Job job = kubectlJob("waits", "echo ran", 6, null);
    job.getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().setName("not-there");
    job.getSpec().getTemplate().getSpec().getContainers().get(0).setEnv(List.of());
    client.batch().v1().jobs().inNamespace("jobs").resource(job).create();
    await().atMost(TIMEOUT).until(() -> !podsOf("waits").isEmpty() && podsOf("waits").get(0).getStatus() != null
        && podsOf("waits").get(0).getStatus().getContainerStatuses() != null
        && !podsOf("waits").get(0).getStatus().getContainerStatuses().isEmpty());
    Pod pod = podsOf("waits").get(0);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
        .isEqualTo("ContainerCreating");
    assertThat(client.v1().events().inNamespace("jobs").list().getItems()).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("FailedMount");
      assertThat(e.getMessage()).isEqualTo(
          "MountVolume.SetUp failed for volume \"settings\" : configmap \"not-there\" not found");
    });
    client.configMaps().inNamespace("jobs").resource(new ConfigMapBuilder().withNewMetadata().withName("not-there")
        .endMetadata().addToData("resource", "").build()).create();
    assertThat(conditions(awaitFinished("waits"))).contains("Complete");
  }

  @Test
  void aFinishedJobIsDeletedWithItsPodsAfterItsTtl() {
    client.batch().v1().jobs().inNamespace("jobs").resource(kubectlJob("short-lived", "echo done", 6, 1)).create();
    await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace("jobs").withName("short-lived").get()
        == null);
    await().atMost(TIMEOUT).until(() -> podsOf("short-lived").isEmpty());
  }

  private Job awaitFinished(String name) {
    await().atMost(TIMEOUT).until(() -> {
      Job job = client.batch().v1().jobs().inNamespace("jobs").withName(name).get();
      return conditions(job).contains("Complete") || conditions(job).contains("Failed");
    });
    return client.batch().v1().jobs().inNamespace("jobs").withName(name).get();
  }

  private static List<String> conditions(Job job) {
    return job == null || job.getStatus() == null || job.getStatus().getConditions() == null ? List.of()
        : job.getStatus().getConditions().stream().filter(c -> c.getStatus().equals("True")).map(c -> c.getType())
            .toList();
  }

  private List<Pod> podsOf(String job) {
    return client.pods().inNamespace("jobs").withLabel("job-name", job).list().getItems();
  }

  private static Job kubectlJob(String name, String script, int backoffLimit, Integer ttl) {
    return new JobBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withBackoffLimit(backoffLimit).withTtlSecondsAfterFinished(ttl)
        .withNewTemplate().withNewSpec().withRestartPolicy("OnFailure")
        .addNewVolume().withName("settings").withNewConfigMap().withName("settings").endConfigMap().endVolume()
        .addNewContainer().withName("kubectl").withImage(KUBECTL_IMAGE)
        .withNewSecurityContext().withRunAsUser(10101L).withRunAsNonRoot(true).endSecurityContext()
        .addNewEnv().withName("FLAG").withNewValueFrom().withNewConfigMapKeyRef().withName("settings").withKey("flag")
        .endConfigMapKeyRef().endValueFrom().endEnv()
        .addNewEnv().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.namespace")
        .endFieldRef().endValueFrom().endEnv()
        .addNewVolumeMount().withName("settings").withMountPath("/etc/settings").endVolumeMount()
        .withCommand("/bin/sh", "-c", script).endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  private static boolean kubectlOnPath() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "kubectl"))) {
        return true;
      }
    }
    return false;
  }
}
