package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deployment -> ReplicaSet, as kube-controller-manager does: one ReplicaSet per pod template
 * (named by the template hash), a rolling update that scales the old ReplicaSets down only once
 * the new one's pods are Ready, and the status and the Available/Progressing conditions that
 * {@code glooctl check} and rollout waits read.
 */
final class DeploymentController {

  static final String TEMPLATE_HASH = "pod-template-hash";
  private final KubernetesClient client;

  DeploymentController(KubernetesClient client) {
    this.client = client;
  }

  void reconcile(String namespace, String name) {
    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
    if (deployment == null) {
      return;
    }
    int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    String hash = templateHash(deployment.getSpec().getTemplate());
    List<ReplicaSet> owned = new ArrayList<>(client.apps().replicaSets().inNamespace(namespace).list().getItems()
        .stream().filter(rs -> Owners.isOwnedBy(rs, deployment)).toList());
    String newName = name + "-" + hash;
    ReplicaSet current = owned.stream().filter(rs -> rs.getMetadata().getName().equals(newName)).findFirst()
        .orElse(null);
    if (current == null) {
      current = client.apps().replicaSets().inNamespace(namespace)
          .resource(newReplicaSet(deployment, newName, hash, desired, owned.size() + 1)).create();
      owned.add(current);
    } else if (!Objects.equals(current.getSpec().getReplicas(), desired)) {
      current.getSpec().setReplicas(desired);
      current = client.apps().replicaSets().inNamespace(namespace).resource(current).update();
    }
    int newReady = readyOf(current);
    boolean rolledOut = newReady >= desired;
    if (rolledOut) {
      for (ReplicaSet old : owned) {
        if (!old.getMetadata().getName().equals(newName) && old.getSpec().getReplicas() != null
            && old.getSpec().getReplicas() > 0) {
          old.getSpec().setReplicas(0);
          client.apps().replicaSets().inNamespace(namespace).resource(old).update();
        }
      }
    }
    writeStatus(deployment, owned, current, desired, rolledOut);
  }

  private void writeStatus(Deployment deployment, List<ReplicaSet> owned, ReplicaSet current, int desired,
      boolean rolledOut) {
    int replicas = 0;
    int ready = 0;
    for (ReplicaSet rs : owned) {
      if (rs.getStatus() != null) {
        replicas += Objects.requireNonNullElse(rs.getStatus().getReplicas(), 0);
        ready += readyOf(rs);
      }
    }
    int updated = current.getStatus() == null ? 0 : Objects.requireNonNullElse(current.getStatus().getReplicas(), 0);
    DeploymentStatus status = new DeploymentStatus();
    status.setObservedGeneration(deployment.getMetadata().getGeneration());
    status.setReplicas(replicas);
    status.setUpdatedReplicas(updated);
    status.setReadyReplicas(ready);
    status.setAvailableReplicas(ready);
    status.setUnavailableReplicas(Math.max(0, desired - ready));
    Map<String, DeploymentCondition> previous = new LinkedHashMap<>();
    if (deployment.getStatus() != null) {
      deployment.getStatus().getConditions().forEach(c -> previous.put(c.getType(), c));
    }
    boolean available = ready >= desired;
    status.setConditions(List.of(
        condition(previous, "Available", available,
            available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            available ? "Deployment has minimum availability." : "Deployment does not have minimum availability."),
        condition(previous, "Progressing", true,
            rolledOut ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
            "ReplicaSet \"" + current.getMetadata().getName() + "\" "
                + (rolledOut ? "has successfully progressed." : "is progressing."))));
    if (Objects.equals(deployment.getStatus(), status)) {
      return;
    }
    deployment.setStatus(status);
    deployment.getMetadata().setResourceVersion(null);
    client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(deployment).patchStatus();
  }

  private static DeploymentCondition condition(Map<String, DeploymentCondition> previous, String type, boolean value,
      String reason, String message) {
    String status = value ? "True" : "False";
    DeploymentCondition old = previous.get(type);
    String now = Instant.now().toString();
    String transition = old != null && status.equals(old.getStatus()) ? old.getLastTransitionTime() : now;
    String update = old != null && status.equals(old.getStatus()) && reason.equals(old.getReason())
        ? old.getLastUpdateTime() : now;
    return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(message).withLastTransitionTime(transition).withLastUpdateTime(update).build();
  }

  private static ReplicaSet newReplicaSet(Deployment deployment, String name, String hash, int replicas,
      int revision) {
    PodTemplateSpec template = Serialization.clone(deployment.getSpec().getTemplate());
    template.getMetadata().getLabels().put(TEMPLATE_HASH, hash);
    Map<String, String> selector = new LinkedHashMap<>(deployment.getSpec().getSelector().getMatchLabels());
    selector.put(TEMPLATE_HASH, hash);
    return new ReplicaSetBuilder()
        .withNewMetadata().withName(name).withNamespace(deployment.getMetadata().getNamespace())
        .withLabels(template.getMetadata().getLabels())
        .addToAnnotations("deployment.kubernetes.io/revision", String.valueOf(revision))
        .withOwnerReferences(Owners.controllerRef(deployment)).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(selector).endSelector()
        .withTemplate(template).endSpec().build();
  }

  static int readyOf(ReplicaSet rs) {
    return rs.getStatus() == null ? 0 : Objects.requireNonNullElse(rs.getStatus().getReadyReplicas(), 0);
  }

  static String templateHash(PodTemplateSpec template) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Serialization.asJson(template).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
