package io.glooupgrade.embedded.programs;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What client-go's errors say and are, for an API call fabric8 made. */
final class ApiErrors {

  private ApiErrors() {
  }

  /** client-go's {@code err.Error()}: the Status message the API answered, else the transport's failure. */
  static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isEmpty()) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }

  /** client-go's {@code apierrors.IsAlreadyExists}: the Status reason says so. */
  static boolean alreadyExists(KubernetesClientException e) {
    return e.getStatus() != null && "AlreadyExists".equals(e.getStatus().getReason());
  }

  /** The NotFound message the API gives for {@code resource} (plural.group) named {@code name}. */
  static String notFound(String resource, String name) {
    return resource + " \"" + name + "\" not found";
  }
}
