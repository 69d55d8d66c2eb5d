package io.glooupgrade.lifecycle;

import java.util.List;

/**
 * The one message of a run that cannot start: every problem the preflight found, each saying
 * what, where and how to fix it. Without a stack trace, which would only bury the message, unless
 * {@code -Dharness.debug=true} asks for it (and for the causes, as suppressed exceptions).
 */
public final class PreflightFailure extends RuntimeException {

  private final List<String> problems;

  PreflightFailure(List<String> problems, List<Throwable> causes) {
    super(message(problems), null, debug(), debug());
    this.problems = List.copyOf(problems);
    if (debug()) {
      causes.forEach(this::addSuppressed);
    }
  }

  // Throwable.toString, which Cucumber's console formatters print, reads this; Maven's report reads
  // getMessage: the whole list is printed when the preflight fails, and again in Maven's summary.
  @Override
  public String getLocalizedMessage() {
    return "the run stopped before its first scenario, on the problems listed before it";
  }

  public List<String> problems() {
    return problems;
  }

  /** Whether the run asked for stack traces: -Dharness.debug=true, or HARNESS_DEBUG=true. */
  static boolean debug() {
    return Boolean.parseBoolean(System.getProperty("harness.debug", System.getenv("HARNESS_DEBUG")));
  }

  private static String message(List<String> problems) {
    return "The run stopped before its first scenario, on " + (problems.size() == 1 ? "this problem"
        : "these " + problems.size() + " problems") + "; nothing was changed on any cluster, and every "
        + "scenario is reported as not run:\n  - " + String.join("\n  - ", problems)
        + (debug() ? "" : "\n(-Dharness.debug=true adds the stack traces)");
  }
}
