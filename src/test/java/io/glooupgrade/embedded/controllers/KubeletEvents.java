package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Locale;

/** The events the kubelet records on a pod ({@code kubectl describe pod} shows them). */
final class KubeletEvents {

  private final KubernetesClient client;

  KubeletEvents(KubernetesClient client) {
    this.client = client;
  }

  /** A Warning event, once per pod, reason and message: a repeat only counts up on a real node. */
  void warning(Pod pod, String reason, String message) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName() + "." + reason.toLowerCase(Locale.ROOT) + "."
        + Integer.toHexString(message.hashCode());
    if (client.v1().events().inNamespace(namespace).withName(name).get() != null) {
      return;
    }
    String now = Instant.now().toString();
    try {
      client.v1().events().inNamespace(namespace).resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .withNewInvolvedObject().withKind("Pod").withApiVersion("v1").withNamespace(namespace)
          .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).endInvolvedObject()
          .withType("Warning").withReason(reason).withMessage(message).withCount(1)
          .withFirstTimestamp(now).withLastTimestamp(now)
          .withNewSource().withComponent("kubelet").withHost("embedded-node").endSource().build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }
}
