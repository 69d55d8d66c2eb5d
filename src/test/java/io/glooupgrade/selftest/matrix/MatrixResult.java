package io.glooupgrade.selftest.matrix;

import io.glooupgrade.selftest.support.ScenarioRun;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one row of the matrix showed: where the scenario failed and with which message, the harness
 * class that caught it, and whether that is the step, the words and the check the row expects.
 */
public record MatrixResult(MatrixRow row, String caughtAtStep, String message, String check, List<String> stack,
    boolean detected) {

  private static final int MESSAGE_LIMIT = 400;

  public static MatrixResult of(MatrixRow row, ScenarioRun.Outcome outcome) {
    if (row.recovers()) {
      return new MatrixResult(row, null, outcome.passed() ? null : shortened(outcome.error()), row.check(), List.of(),
          outcome.passed());
    }
    List<String> catchers = Catchers.of(outcome.thrown());
    String check = catchers.contains(row.check()) ? row.check()
        : catchers.stream().filter(c -> !c.endsWith("Steps") && !c.equals("Waits")).findFirst()
            .orElse(catchers.isEmpty() ? null : catchers.get(0));
    boolean detected = !outcome.passed() && row.expectedStep().equals(outcome.failedStep())
        && outcome.error() != null && outcome.error().contains(row.messageFragment())
        && row.check().equals(check);
    return new MatrixResult(row, outcome.failedStep(), shortened(outcome.error(), row.messageFragment()), check,
        catchers, detected);
  }

  /**
   * The message made short enough to read in a table: glooctl's "... OK" lines and the exception's
   * class dropped, lines joined, at most 400 characters; where the problem's words (the row's
   * fragment) lie beyond that, the start and the words with what surrounds them.
   */
  public static String shortened(String message, String words) {
    if (message == null) {
      return null;
    }
    String text = message.strip().replaceFirst("^java\\.lang\\.AssertionError: ", "").lines()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.endsWith("... OK")).collect(Collectors.joining(" | "));
    if (text.length() <= MESSAGE_LIMIT) {
      return text;
    }
    int at = words == null ? -1 : text.indexOf(words);
    if (at < 0 || at + words.length() <= MESSAGE_LIMIT - 1) {
      return text.substring(0, MESSAGE_LIMIT - 1) + "…";
    }
    int from = Math.max(at - 100, 160);
    int to = Math.min(text.length(), from + MESSAGE_LIMIT - 165);
    return text.substring(0, 160) + " … " + text.substring(from, to) + (to < text.length() ? "…" : "");
  }

  public static String shortened(String message) {
    return shortened(message, null);
  }
}
