package io.glooupgrade.gloo.glooctl;

/** What one run of the glooctl binary printed and how it ended, secrets already masked. */
public record GlooctlRun(String command, int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** Its output as a failure message quotes it. */
  public String quoted() {
    return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + (stdout.endsWith("\n") ? "" : "\n")
        + "--- stderr ---\n" + stderr;
  }

  /** Fails the step, saying which command failed and how, when the binary exited non-zero. */
  public GlooctlRun requireSuccess() {
    if (!succeeded()) {
      throw new AssertionError("`" + command + "` failed with exit code " + exitCode + ":\n" + quoted());
    }
    return this;
  }
}
