package io.glooupgrade.kube;

/** A target the harness must not change: a kubeconfig context nobody allowed. */
public final class UnsafeTargetException extends RuntimeException {

  public UnsafeTargetException(String message) {
    super(message);
  }
}
