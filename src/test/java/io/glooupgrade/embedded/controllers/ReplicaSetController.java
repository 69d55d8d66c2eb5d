package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/** ReplicaSet -> Pods: as many pods of its template as it asks for, and its replica counts. */
final class ReplicaSetController {

  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private final KubernetesClient client;

  ReplicaSetController(KubernetesClient client) {
    this.client = client;
  }

  void reconcile(String namespace, String name) {
    ReplicaSet rs = client.apps().replicaSets().inNamespace(namespace).withName(name).get();
    if (rs == null) {
      return;
    }
    int desired = Objects.requireNonNullElse(rs.getSpec().getReplicas(), 1);
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> Owners.isOwnedBy(p, rs) && p.getMetadata().getDeletionTimestamp() == null)
        .sorted(Comparator.comparing((Pod p) -> Kubelet.isReady(p)).thenComparing(p -> p.getMetadata().getName()))
        .toList();
    for (int i = pods.size(); i < desired; i++) {
      client.pods().inNamespace(namespace).resource(newPod(rs)).create();
    }
    // Scale down: remove pods that are not ready first.
    for (int i = 0; i < pods.size() - desired; i++) {
      client.pods().inNamespace(namespace).withName(pods.get(i).getMetadata().getName()).delete();
    }
    List<Pod> remaining = client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> Owners.isOwnedBy(p, rs)).toList();
    int ready = (int) remaining.stream().filter(Kubelet::isReady).count();
    ReplicaSetStatus status = new ReplicaSetStatus();
    status.setReplicas(remaining.size());
    status.setFullyLabeledReplicas(remaining.size());
    status.setReadyReplicas(ready);
    status.setAvailableReplicas(ready);
    status.setObservedGeneration(rs.getMetadata().getGeneration());
    if (!Objects.equals(rs.getStatus(), status)) {
      rs.setStatus(status);
      rs.getMetadata().setResourceVersion(null);
      client.apps().replicaSets().inNamespace(namespace).resource(rs).patchStatus();
    }
  }

  private static Pod newPod(ReplicaSet rs) {
    return new PodBuilder()
        .withNewMetadata().withName(rs.getMetadata().getName() + "-" + suffix())
        .withNamespace(rs.getMetadata().getNamespace())
        .withLabels(rs.getSpec().getTemplate().getMetadata().getLabels())
        .withAnnotations(rs.getSpec().getTemplate().getMetadata().getAnnotations())
        .withOwnerReferences(Owners.controllerRef(rs)).endMetadata()
        .withSpec(rs.getSpec().getTemplate().getSpec()).build();
  }

  static String suffix() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      b.append(NAME_CHARS.charAt(ThreadLocalRandom.current().nextInt(NAME_CHARS.length())));
    }
    return b.toString();
  }
}
