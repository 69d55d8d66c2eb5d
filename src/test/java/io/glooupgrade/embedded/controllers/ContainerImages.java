package io.glooupgrade.embedded.controllers;

/**
 * What the embedded node does with a container, by its image: a {@code kubectl} image runs its
 * command with a real kubectl, {@code certgen} runs the certgen program; the rest is the Gloo twin's
 * (gloo, Envoy, petstore, ...) or unmodelled.
 */
public enum ContainerImages {
  KUBECTL, CERTGEN, OTHER;

  public static ContainerImages of(String image) {
    String repository = repository(image == null ? "" : image);
    if (repository.equals("kubectl") || repository.endsWith("-kubectl") || repository.startsWith("kubectl-")) {
      return KUBECTL;
    }
    if (repository.equals("certgen")) {
      return CERTGEN;
    }
    return OTHER;
  }

  /** The image's last path segment without tag or digest: {@code quay.io/solo-io/kubectl:1.19.20} is kubectl. */
  static String repository(String image) {
    String path = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = path.lastIndexOf(':');
    if (colon > path.lastIndexOf('/')) {
      path = path.substring(0, colon);
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
