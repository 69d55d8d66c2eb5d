package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Every namespace gets its {@code default} ServiceAccount, as kube-controller-manager gives it one. */
final class ServiceAccountController {

  private final KubernetesClient client;

  ServiceAccountController(KubernetesClient client) {
    this.client = client;
  }

  void namespaceAdded(String namespace) {
    if (client.serviceAccounts().inNamespace(namespace).withName("default").get() != null) {
      return;
    }
    try {
      client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
          .withName("default").withNamespace(namespace).endMetadata().build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 && e.getCode() != 404) { // there already, or the namespace went meanwhile
        throw e;
      }
    }
  }
}
