package io.glooupgrade.helm;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.kube.PodDiagnosis;
import java.util.List;

/**
 * The logs of the hook Jobs Helm reports failed ({@code kubectl logs job/NAME -n NS}), attached to
 * the step, so the reader sees why the script failed; the last lines also go into the failure.
 */
final class FailedHookLogs {

  private static final int TAIL_LINES = 15;

  private FailedHookLogs() {
  }

  /** Attaches each failed Job's log; returns the tail of each, for the failure message. */
  static String attach(KubeContext context, String namespace, List<String> jobs) {
    StringBuilder tails = new StringBuilder();
    try (KubernetesClient client = context.newClient()) {
      for (String job : jobs) {
        String log = log(client, namespace, job);
        Evidence.documentedCommand("kubectl logs job/" + job + " -n " + namespace);
        Evidence.text("log of the failed hook Job " + job, log);
        tails.append("\nlog of Job ").append(job).append(" (last lines):\n").append(tail(log));
      }
      tails.append(notRunning(client, namespace));
    }
    return tails.toString();
  }

  // What a hook may have waited for in vain: the namespace's pods that do not run or are not Ready, and why.
  private static String notRunning(KubernetesClient client, String namespace) {
    try {
      String pods = client.pods().inNamespace(namespace).list().getItems().stream()
          .filter(p -> p.getStatus() == null || "Pending".equals(p.getStatus().getPhase())
              || !PodDiagnosis.waiting(p).isEmpty() || PodDiagnosis.runningNotReady(p))
          .map(p -> "\n  pod " + p.getMetadata().getName() + " phase "
              + (p.getStatus() == null ? "-" : p.getStatus().getPhase())
              + (PodDiagnosis.runningNotReady(p) ? ", not Ready" : "") + PodDiagnosis.waiting(p)
              + PodDiagnosis.warnings(client, p))
          .collect(java.util.stream.Collectors.joining());
      return (pods.isEmpty() ? "" : "\npods of " + namespace + " that do not run or are not Ready:" + pods)
          + failedJobPods(client, namespace);
    } catch (KubernetesClientException e) {
      return "";
    }
  }

  private static String log(KubernetesClient client, String namespace, String job) {
    try {
      List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", job).list().getItems();
      if (pods.isEmpty()) {
        return "(no pod of Job " + job + " is left in " + namespace + ")";
      }
      // The newest pod: the last attempt.
      Pod last = pods.stream().max(java.util.Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()))
          .orElseThrow();
      return podLog(client, namespace, last.getMetadata().getName());
    } catch (KubernetesClientException e) {
      return "(the pods of Job " + job + " could not be listed: " + e.getMessage() + ")";
    }
  }

  private static String podLog(KubernetesClient client, String namespace, String pod) {
    try {
      return client.pods().inNamespace(namespace).withName(pod).getLog();
    } catch (KubernetesClientException e) {
      return "(the log could not be read: " + e.getMessage() + ")";
    }
  }

  // A Job that keeps failing under a hook that only times out: the last lines of its newest failed pod.
  private static String failedJobPods(KubernetesClient client, String namespace) {
    java.util.Map<String, Pod> newestFailed = new java.util.TreeMap<>();
    for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
      String job = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("job-name");
      if (job != null && pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase())) {
        newestFailed.merge(job, pod, (a, b) -> a.getMetadata().getCreationTimestamp()
            .compareTo(b.getMetadata().getCreationTimestamp()) >= 0 ? a : b);
      }
    }
    StringBuilder failed = new StringBuilder();
    newestFailed.forEach((job, pod) -> {
      String log = podLog(client, namespace, pod.getMetadata().getName());
      failed.append("\nJob ").append(job).append(" failed; its pod ").append(pod.getMetadata().getName())
          .append(" ended with:\n").append(tail(log));
    });
    return failed.toString();
  }

  private static String tail(String log) {
    String[] lines = log.split("\n");
    int from = Math.max(0, lines.length - TAIL_LINES);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }
}
