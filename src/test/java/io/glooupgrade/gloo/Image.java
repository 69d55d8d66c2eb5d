package io.glooupgrade.gloo;

/** A container image reference {@code registry/name:tag}, split as glooctl splits it. */
public record Image(String registry, String name, String tag) {

  public static Image parse(String reference) {
    String withoutDigest = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    String tag = colon > slash ? withoutDigest.substring(colon + 1) : "latest";
    String path = colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    return new Image(slash < 0 ? "" : path.substring(0, path.lastIndexOf('/')), path.substring(slash + 1), tag);
  }
}
