package io.glooupgrade.config;

import java.util.List;

/** Every problem with the configuration at once, before anything touches a cluster. */
public final class InvalidSettingsException extends RuntimeException {

  private final List<String> problems;

  public InvalidSettingsException(List<String> problems) {
    super("The harness configuration is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem on its own, for the run's one list of them (the preflight). */
  public List<String> problems() {
    return problems;
  }
}
