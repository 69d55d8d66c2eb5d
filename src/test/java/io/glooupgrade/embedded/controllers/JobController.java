package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Jobs as kube-controller-manager runs them: one pod at a time; a pod that succeeds completes the
 * Job (Complete, SuccessCriteriaMet); a pod that fails is replaced after a back-off until more
 * pods failed than {@code backoffLimit} allows (default 6), when the Job fails (Failed, reason
 * BackoffLimitExceeded). A failed pod is replaced by a new one whatever its restartPolicy (a real
 * node restarts an OnFailure container in its pod instead; the count and the outcome are the same).
 * The back-off is compressed from the real 10 s doubling to {@link #BACKOFF_BASE_MILLIS} doubling:
 * the outcome, not the minutes, is what a scenario observes. Finished Jobs are handed to the
 * {@link TtlController}.
 */
final class JobController {

  static final long BACKOFF_BASE_MILLIS = 50;
  private static final long BACKOFF_MAX_MILLIS = 800;
  private static final int DEFAULT_BACKOFF_LIMIT = 6;

  private final KubernetesClient client;
  private final TtlController ttl;
  private final BiConsumer<String, Long> requeueAfter;

  /** {@code requeueAfter} reconciles the Job "namespace/name" again after so many milliseconds. */
  JobController(KubernetesClient client, TtlController ttl, BiConsumer<String, Long> requeueAfter) {
    this.client = client;
    this.ttl = ttl;
    this.requeueAfter = requeueAfter;
  }

  void reconcile(String namespace, String name) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    if (job == null) {
      return;
    }
    if (isFinished(job)) {
      ttl.finished(job);
      return;
    }
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> Owners.isOwnedBy(p, job)).toList();
    int succeeded = (int) pods.stream().filter(p -> "Succeeded".equals(Kubelet.phaseOf(p))).count();
    int failed = (int) pods.stream().filter(p -> "Failed".equals(Kubelet.phaseOf(p))).count();
    int active = pods.size() - succeeded - failed;
    int backoffLimit = job.getSpec().getBackoffLimit() == null ? DEFAULT_BACKOFF_LIMIT : job.getSpec().getBackoffLimit();
    String now = Instant.now().toString();
    JobStatus status = new JobStatus();
    status.setStartTime(job.getStatus() != null && job.getStatus().getStartTime() != null
        ? job.getStatus().getStartTime() : now);
    status.setActive(active == 0 ? null : active);
    status.setSucceeded(succeeded == 0 ? null : succeeded);
    status.setFailed(failed == 0 ? null : failed);
    status.setReady(0);
    if (succeeded > 0) {
      status.setCompletionTime(now);
      status.setConditions(List.of(condition("SuccessCriteriaMet", null, null, now),
          condition("Complete", null, null, now)));
    } else if (failed > backoffLimit) {
      String message = "Job has reached the specified backoff limit";
      status.setConditions(List.of(condition("FailureTarget", "BackoffLimitExceeded", message, now),
          condition("Failed", "BackoffLimitExceeded", message, now)));
    } else if (active == 0) {
      long delay = failed == 0 ? 0 : Math.min(BACKOFF_MAX_MILLIS, BACKOFF_BASE_MILLIS << Math.min(failed - 1, 10));
      long sinceLastFailure = pods.stream().map(JobController::finishedAt).filter(Objects::nonNull)
          .mapToLong(t -> System.currentTimeMillis() - Instant.parse(t).toEpochMilli()).min().orElse(Long.MAX_VALUE);
      if (sinceLastFailure >= delay) {
        createPod(job);
      } else {
        requeueAfter.accept(namespace + "/" + name, delay - sinceLastFailure);
      }
    }
    if (job.getStatus() != null && sameStatus(job.getStatus(), status)) {
      return;
    }
    job.setStatus(status);
    job.getMetadata().setResourceVersion(null);
    client.batch().v1().jobs().inNamespace(namespace).resource(job).patchStatus();
    if (isFinished(job)) {
      ttl.finished(job);
    }
  }

  private void createPod(Job job) {
    String namespace = job.getMetadata().getNamespace();
    String name = job.getMetadata().getName();
    Map<String, String> labels = job.getSpec().getTemplate().getMetadata() == null ? Map.of()
        : job.getSpec().getTemplate().getMetadata().getLabels();
    Map<String, String> annotations = job.getSpec().getTemplate().getMetadata() == null ? Map.of()
        : job.getSpec().getTemplate().getMetadata().getAnnotations();
    client.pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadata().withName(name + "-" + ReplicaSetController.suffix()).withNamespace(namespace)
        .withLabels(labels).withAnnotations(annotations)
        .addToLabels("job-name", name).addToLabels("batch.kubernetes.io/job-name", name)
        .withOwnerReferences(Owners.controllerRef(job)).endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec()).build()).create();
  }

  private static String finishedAt(Pod pod) {
    if (!"Failed".equals(Kubelet.phaseOf(pod)) || pod.getStatus().getContainerStatuses() == null) {
      return null;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .map(c -> c.getState() == null || c.getState().getTerminated() == null ? null
            : c.getState().getTerminated().getFinishedAt())
        .filter(Objects::nonNull).max(String::compareTo).orElse(null);
  }

  private static JobCondition condition(String type, String reason, String message, String now) {
    return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
        .withLastProbeTime(now).withLastTransitionTime(now).build();
  }

  private static boolean sameStatus(JobStatus a, JobStatus b) {
    return Objects.equals(a.getActive(), b.getActive()) && Objects.equals(a.getSucceeded(), b.getSucceeded())
        && Objects.equals(a.getFailed(), b.getFailed()) && conditionTypes(a).equals(conditionTypes(b));
  }

  private static List<String> conditionTypes(JobStatus status) {
    List<String> types = new ArrayList<>();
    if (status.getConditions() != null) {
      status.getConditions().forEach(c -> types.add(c.getType() + "=" + c.getStatus()));
    }
    return types;
  }

  static boolean isFinished(Job job) {
    return hasCondition(job, "Complete") || hasCondition(job, "Failed");
  }

  private static boolean hasCondition(Job job, String type) {
    return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions()
        .stream().anyMatch(c -> c.getType().equals(type) && c.getStatus().equals("True"));
  }
}
