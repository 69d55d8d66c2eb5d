package io.glooupgrade.kube;

/** The configured cluster cannot be used; raised before anything is changed on it. */
public final class TargetUnreachableException extends RuntimeException {

  public TargetUnreachableException(String message) {
    super(message);
  }
}
