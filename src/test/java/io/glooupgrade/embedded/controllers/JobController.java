package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Jobs run one pod to completion and then stay: like a cluster that ignores
 * {@code ttlSecondsAfterFinished}, which is what makes the completed gateway-certgen Job immutable
 * on a later upgrade (a documented failure the harness must handle).
 */
final class JobController {

  private final KubernetesClient client;

  JobController(KubernetesClient client) {
    this.client = client;
  }

  void reconcile(String namespace, String name) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    if (job == null || isComplete(job)) {
      return;
    }
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> Owners.isOwnedBy(p, job)).toList();
    if (pods.isEmpty()) {
      Map<String, String> labels = job.getSpec().getTemplate().getMetadata() == null ? Map.of()
          : job.getSpec().getTemplate().getMetadata().getLabels();
      client.pods().inNamespace(namespace).resource(new PodBuilder()
          .withNewMetadata().withName(name + "-" + ReplicaSetController.suffix()).withNamespace(namespace)
          .withLabels(labels)
          .addToLabels("job-name", name).addToLabels("batch.kubernetes.io/job-name", name)
          .withOwnerReferences(Owners.controllerRef(job)).endMetadata()
          .withSpec(job.getSpec().getTemplate().getSpec()).build()).create();
      return;
    }
    if (pods.stream().noneMatch(p -> "Succeeded".equals(Kubelet.phaseOf(p)))) {
      return;
    }
    String now = Instant.now().toString();
    JobStatus status = new JobStatus();
    status.setStartTime(job.getMetadata().getCreationTimestamp());
    status.setCompletionTime(now);
    status.setSucceeded(1);
    status.setReady(0);
    status.setConditions(List.of(
        new JobConditionBuilder().withType("SuccessCriteriaMet").withStatus("True").withLastProbeTime(now)
            .withLastTransitionTime(now).build(),
        new JobConditionBuilder().withType("Complete").withStatus("True").withLastProbeTime(now)
            .withLastTransitionTime(now).build()));
    job.setStatus(status);
    job.getMetadata().setResourceVersion(null);
    client.batch().v1().jobs().inNamespace(namespace).resource(job).patchStatus();
  }

  static boolean isComplete(Job job) {
    return job.getStatus() != null && job.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Complete") && c.getStatus().equals("True"));
  }
}
