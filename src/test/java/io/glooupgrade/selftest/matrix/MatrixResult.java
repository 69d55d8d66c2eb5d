package io.glooupgrade.selftest.matrix;

import io.glooupgrade.selftest.support.ScenarioRun;
import java.util.List;

/**
 * What one row of the matrix showed: where the scenario failed and with which message, the harness
 * class that caught it, and whether that is the step, the words and the check the row expects.
 */
public record MatrixResult(MatrixRow row, String caughtAtStep, String message, String check, boolean detected) {

  private static final int MESSAGE_LIMIT = 400;

  public static MatrixResult of(MatrixRow row, ScenarioRun.Outcome outcome) {
    if (row.recovers()) {
      return new MatrixResult(row, null, outcome.passed() ? null : shortened(outcome.error()), row.check(),
          outcome.passed());
    }
    List<String> catchers = Catchers.of(outcome.thrown());
    String check = catchers.contains(row.check()) ? row.check()
        : catchers.stream().filter(c -> !c.endsWith("Steps") && !c.equals("Waits")).findFirst()
            .orElse(catchers.isEmpty() ? null : catchers.get(0));
    boolean detected = !outcome.passed() && row.expectedStep().equals(outcome.failedStep())
        && outcome.error() != null && outcome.error().contains(row.messageFragment())
        && row.check().equals(check);
    return new MatrixResult(row, outcome.failedStep(), shortened(outcome.error()), check, detected);
  }

  /** The message's first lines, enough to name the problem, without a whole dump of cluster state. */
  public static String shortened(String message) {
    if (message == null) {
      return null;
    }
    String oneLine = message.strip().replaceAll("\\s*\\R\\s*", " | ");
    return oneLine.length() <= MESSAGE_LIMIT ? oneLine : oneLine.substring(0, MESSAGE_LIMIT - 1) + "…";
  }
}
