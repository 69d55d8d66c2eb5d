package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletion that Kubernetes cascades: the ReplicaSets and Pods of a deleted owner, and everything
 * in a deleted namespace (the mock API removes the namespace object at once, so its contents
 * are removed right after).
 */
final class GarbageCollector {

  private final KubernetesClient client;

  GarbageCollector(KubernetesClient client) {
    this.client = client;
  }

  void ownerDeleted(HasMetadata owner) {
    String namespace = owner.getMetadata().getNamespace();
    client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
        .filter(rs -> Owners.isOwnedBy(rs, owner))
        .forEach(rs -> client.apps().replicaSets().inNamespace(namespace).resource(rs).delete());
    client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> Owners.isOwnedBy(p, owner))
        .forEach(p -> client.pods().inNamespace(namespace).resource(p).delete());
  }

  /** A dependent whose controlling owner no longer exists (its deletion event was missed). */
  void ownerGone(HasMetadata dependent) {
    client.resource(dependent).delete();
  }

  void namespaceDeleted(String namespace) {
    for (String[] kind : namespacedKinds()) {
      client.genericKubernetesResources(kind[0], kind[1]).inNamespace(namespace).delete();
    }
  }

  private List<String[]> namespacedKinds() {
    List<String> groupVersions = new ArrayList<>(List.of("v1"));
    client.getApiGroups().getGroups().forEach(g -> g.getVersions().forEach(v -> groupVersions.add(v.getGroupVersion())));
    List<String[]> kinds = new ArrayList<>();
    for (String gv : groupVersions) {
      for (APIResource r : client.getApiResources(gv).getResources()) {
        if (Boolean.TRUE.equals(r.getNamespaced()) && !r.getName().contains("/")) {
          kinds.add(new String[] {gv, r.getKind()});
        }
      }
    }
    return kinds;
  }
}
