package io.glooupgrade.lifecycle;

import org.opentest4j.TestAbortedException;

/**
 * Skips a scenario of a run whose preflight failed: it was not run, and changed nothing. Its
 * message (in the report, the compliance data) is the preflight's whole message; on the console,
 * where the preflight printed that once already, each scenario shows one short line instead.
 */
public final class RunNotStarted extends TestAbortedException {

  static final String NOT_RUN = "not run: the run stopped before its first scenario";

  RunNotStarted(PreflightFailure failure) {
    super(NOT_RUN + "\n" + failure.getMessage());
  }

  // Throwable.toString, which the console's Cucumber formatter prints, reads this; reports read getMessage.
  @Override
  public String getLocalizedMessage() {
    return NOT_RUN + " (the problems are listed once, before the first scenario)";
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return PreflightFailure.debug() ? super.fillInStackTrace() : this;
  }
}
