package io.glooupgrade.config;

import java.util.List;

/** Every problem with the configuration at once, before anything touches a cluster. */
public final class InvalidSettingsException extends RuntimeException {

  public InvalidSettingsException(List<String> problems) {
    super("The harness configuration is invalid:\n  - " + String.join("\n  - ", problems));
  }
}
