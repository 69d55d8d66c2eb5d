package io.glooupgrade.gloo.install;

import io.glooupgrade.gloo.Image;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.kube.PodDiagnosis;
import io.glooupgrade.kube.WaitTimeout;
import io.glooupgrade.kube.Waits;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The running Gloo Edge components of a namespace: the pods with the label key {@code gloo}
 * (completed Job pods aside) and the Deployments that own them. Read with a LIST at most every
 * 250 ms while a wait polls, not from an informer: an informer started while a rollout deletes
 * pods can miss a deletion between its list and its watch (the embedded API did, on a busy
 * machine) and then wait on a pod that is gone.
 */
public final class GlooPods {

  private static final long SNAPSHOT_MILLIS = 250;
  private final KubernetesClient client;
  private final String namespace;
  private Snapshot last;
  private long lastRead;

  public GlooPods(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Running Gloo pods (not a Job's finished ones). */
  public List<Pod> running() {
    return running(client.pods().inNamespace(namespace).withLabel("gloo").list().getItems());
  }

  private static List<Pod> running(List<Pod> pods) {
    return pods.stream()
        .filter(p -> p.getStatus() == null || !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName())).toList();
  }

  /**
   * Waits until every Deployment has rolled out, as {@code kubectl rollout status} judges it (the
   * controller saw the latest spec, and every replica is updated and available). Which image the
   * pods run is not part of it: that is what the upgrade's own check looks at (Upgrade Steps 5.2).
   */
  public void awaitRolledOut() {
    Waits.until("every Gloo Edge Deployment rolled out", WaitTimeout.ROLLOUT, this::snapshot,
        s -> !s.deployments().isEmpty() && s.deployments().stream().allMatch(GlooPods::rolledOut)
            && !s.pods().isEmpty(), Snapshot::describe);
  }

  public static boolean runsTags(Pod pod, Set<String> tags) {
    return pod.getSpec().getContainers().stream().allMatch(c -> tags.contains(Image.parse(c.getImage()).tag()));
  }

  private Snapshot snapshot() {
    long now = System.nanoTime();
    if (last == null || now - lastRead >= SNAPSHOT_MILLIS * 1_000_000) {
      List<Pod> pods = running();
      // A pod that does not run says why in its Warning events (a volume that cannot be mounted).
      java.util.Map<String, String> warnings = new java.util.HashMap<>();
      pods.stream().filter(p -> p.getStatus() == null || !"Running".equals(p.getStatus().getPhase()))
          .forEach(p -> warnings.put(p.getMetadata().getName(), PodDiagnosis.warnings(client, p)));
      last = new Snapshot(List.copyOf(client.apps().deployments().inNamespace(namespace).list().getItems()),
          pods, java.util.Map.copyOf(warnings));
      lastRead = now;
    }
    return last;
  }

  private static boolean rolledOut(Deployment d) {
    var s = d.getStatus();
    int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
    return s != null && Objects.equals(s.getObservedGeneration(), d.getMetadata().getGeneration())
        && Objects.equals(s.getUpdatedReplicas(), desired) && Objects.equals(s.getReplicas(), desired)
        && Objects.equals(s.getAvailableReplicas(), desired);
  }

  /** What the API showed at one moment, for the failure message of a wait. */
  record Snapshot(List<Deployment> deployments, List<Pod> pods, java.util.Map<String, String> warnings) {

    String describe() {
      String ds = deployments.stream().map(d -> "  deployment " + d.getMetadata().getName() + ": desired "
          + d.getSpec().getReplicas() + (d.getStatus() == null ? ", no status" : ", updated "
          + d.getStatus().getUpdatedReplicas() + ", available " + d.getStatus().getAvailableReplicas()
          + ", replicas " + d.getStatus().getReplicas())).collect(Collectors.joining("\n"));
      String ps = pods.stream().map(p -> "  pod " + p.getMetadata().getName() + " "
          + p.getSpec().getContainers().stream().map(c -> c.getImage()).collect(Collectors.joining(","))
          + " phase " + (p.getStatus() == null ? "-" : p.getStatus().getPhase()) + PodDiagnosis.waiting(p)
          + warnings.getOrDefault(p.getMetadata().getName(), ""))
          .collect(Collectors.joining("\n"));
      return (ds.isEmpty() ? "  no deployments" : ds) + "\n" + (ps.isEmpty() ? "  no gloo pods" : ps);
    }
  }
}
