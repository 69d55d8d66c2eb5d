package io.glooupgrade.gloo.path;

/** A path the chart repository cannot offer (a minor missing): refused before anything changes. */
public final class UnofferedPathException extends IllegalStateException {

  public UnofferedPathException(String message) {
    super(message);
  }
}
