package io.glooupgrade.kube;

import io.glooupgrade.config.WholeNumberSetting;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How the harness's Kubernetes clients ride out a flaky API: each request is retried up to
 * {@code retries} times, {@code backoff} doubling after each failed attempt (capped at 32 times
 * {@code backoff}, as fabric8 does), after a 429's or 503's Retry-After (at most half the request
 * timeout); an attempt with no answer within {@code requestTimeout} counts as failed. Settings, read
 * like the others: {@code harness.api.retries} (default 5), {@code harness.api.backoff} (milliseconds,
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

  private static final WholeNumberSetting RETRIES = new WholeNumberSetting("harness.api.retries", 0, 10, 5);
  private static final WholeNumberSetting BACKOFF = new WholeNumberSetting("harness.api.backoff", 0, 60_000, 250);
  private static final WholeNumberSetting TIMEOUT = new WholeNumberSetting("harness.api.timeout", 1, 3_600, 15);
  /** The settings' keys, for the release profile. */
  public static final List<String> KEYS = List.of(RETRIES.key(), BACKOFF.key(), TIMEOUT.key());

  /** The policy the settings give, else the defaults. */
  public static ApiRetryPolicy configured() {
    return new ApiRetryPolicy((int) RETRIES.value(), Duration.ofMillis(BACKOFF.value()),
        Duration.ofSeconds(TIMEOUT.value()));
  }

  /** What is wrong with the harness.api.* settings the source gives, for the settings' one list of problems. */
  public static List<String> problemsIn(Function<String, String> source) {
    return Stream.of(RETRIES, BACKOFF, TIMEOUT).map(setting -> setting.problemIn(source)).flatMap(Optional::stream)
        .toList();
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
}
