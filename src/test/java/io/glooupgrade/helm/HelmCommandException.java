package io.glooupgrade.helm;

/** A Helm command failed; the message names the command and Helm's own explanation. */
public final class HelmCommandException extends RuntimeException {

  public HelmCommandException(String command, Throwable cause) {
    super("`" + command + "` failed: " + cause.getMessage(), cause);
  }

  /** The same failure, explained: {@code explained} is the whole message. */
  HelmCommandException(String explained, HelmCommandException failure) {
    super(explained, failure.getCause());
  }
}
