package io.glooupgrade.kube;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the harness's Kubernetes clients ride out a flaky API: each request is retried up to
 * {@code retries} times, {@code backoff} doubling after each failed attempt (capped at 32 times
 * {@code backoff}, as fabric8 does), after a 429's or 503's Retry-After (at most half the request
 * timeout); an attempt with no answer within {@code requestTimeout} counts as failed. System
 * properties, like the waits' timeouts: {@code harness.api.retries} (default 5), {@code harness.api.backoff} (milliseconds,
 * default 250), {@code harness.api.timeout} (seconds, default 15).
 */
public record ApiRetryPolicy(int retries, Duration backoff, Duration requestTimeout) {

  public ApiRetryPolicy {
    if (retries < 0 || retries > 10) {
      throw new IllegalArgumentException("harness.api.retries must be 0 to 10, not " + retries);
    }
    if (backoff.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("harness.api.backoff and harness.api.timeout must be positive");
    }
  }

  /** The policy the system properties set, else the defaults. */
  public static ApiRetryPolicy fromSystemProperties() {
    List<String> problems = problemsInSystemProperties();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new ApiRetryPolicy(number("harness.api.retries", 5), Duration.ofMillis(number("harness.api.backoff", 250)),
        Duration.ofSeconds(number("harness.api.timeout", 15)));
  }

  /** What is wrong with the harness.api.* system properties, for the settings' one list of problems. */
  public static List<String> problemsInSystemProperties() {
    List<String> problems = new ArrayList<>();
    check(problems, "harness.api.retries", 0, 10);
    check(problems, "harness.api.backoff", 0, 60_000);
    check(problems, "harness.api.timeout", 1, 3_600);
    return problems;
  }

  private static void check(List<String> problems, String key, int min, int max) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      return;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number < min || number > max) {
        problems.add(key + " is " + number + "; expected " + min + " to " + max);
      }
    } catch (NumberFormatException e) {
      problems.add(key + " '" + value + "' is not a whole number");
    }
  }

  /** The wait before retry number {@code retry} (1 for the first), as fabric8 computes it without a Retry-After. */
  public Duration delayBefore(int retry) {
    return backoff.multipliedBy(1L << Math.min(Math.max(retry - 1, 0), 5));
  }

  /** The longest the backoff alone can add to one request: the bound of the retries. */
  public Duration worstCaseBackoff() {
    Duration total = Duration.ZERO;
    for (int retry = 1; retry <= retries; retry++) {
      total = total.plus(delayBefore(retry));
    }
    return total;
  }

  private static int number(String key, int fallback) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return Integer.parseInt(value.trim());
  }
}
