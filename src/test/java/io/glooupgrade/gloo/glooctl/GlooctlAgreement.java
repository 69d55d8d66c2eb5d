package io.glooupgrade.gloo.glooctl;

/**
 * Where glooctl ran and the harness computed its own verdict on the same cluster: the two must
 * agree, or the step fails saying so with both outputs, since either may be the wrong one (a false
 * OK of glooctl, or a check of the harness that misses what glooctl sees).
 */
public final class GlooctlAgreement {

  private GlooctlAgreement() {
  }

  /**
   * Fails when glooctl's verdict differs from the harness's; when both find a problem, a non-zero
   * exit fails the step quoting glooctl's output (the harness's verdict fails it otherwise).
   */
  public static void require(GlooctlRun run, boolean glooctlPasses, boolean harnessPasses, String harnessOutput) {
    if (glooctlPasses != harnessPasses) {
      throw new AssertionError("glooctl and the harness disagree on `" + run.command() + "`: glooctl "
          + (glooctlPasses ? "passes" : "fails") + " (" + run.quoted().lines().findFirst().orElse("") + "), the harness "
          + (harnessPasses ? "passes" : "fails") + ".\n=== glooctl ===\n" + run.quoted() + "\n=== the harness ===\n"
          + harnessOutput);
    }
    if (!run.succeeded()) {
      throw new AssertionError("`" + run.command() + "` failed with exit code " + run.exitCode() + ":\n"
          + run.quoted() + "\n=== the harness agrees ===\n" + harnessOutput);
    }
  }

  /** {@code glooctl check}: passes when it exits 0 saying "No problems detected." (glooctl's own line). */
  public static boolean checkPasses(GlooctlRun run) {
    return run.succeeded() && run.stdout().contains("No problems detected.");
  }

  /** {@code glooctl check-crds}: passes when it exits 0 saying "All CRDs are up to date" (glooctl's own line). */
  public static boolean checkCrdsPasses(GlooctlRun run) {
    return run.succeeded() && run.stdout().contains("All CRDs are up to date");
  }

  /**
   * {@code glooctl version}: where the harness finds server components, glooctl must exit 0 and name
   * each one's tag; where it finds none, there is nothing to compare but the exit code.
   */
  public static void requireVersion(GlooctlRun run, java.util.Collection<String> serverTags, String harnessOutput) {
    if (serverTags.isEmpty()) {
      run.requireSuccess();
      return;
    }
    boolean glooctlNamesEveryTag = run.succeeded() && serverTags.stream().allMatch(run.stdout()::contains);
    require(run, glooctlNamesEveryTag, true, harnessOutput);
  }
}
