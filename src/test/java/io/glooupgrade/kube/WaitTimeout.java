package io.glooupgrade.kube;

import java.time.Duration;
import java.util.Locale;

/**
 * The named timeouts of the harness's waits. Each can be set with a system property
 * {@code harness.timeout.<name>} in seconds (e.g. harness.timeout.rollout=600).
 */
public enum WaitTimeout {
  ROLLOUT(Duration.ofMinutes(5)),
  /** How long glooctl check may take to come clean after a change (Gloo's own tests poll it for 90 s). */
  CHECK(Duration.ofSeconds(90)),
  /** How long a route may take to serve after a change, and how long to look for the gateway's address. */
  ROUTE(Duration.ofSeconds(60)),
  /** How long an interrupted run may take to undo what its running scenario created and write its report. */
  INTERRUPT(Duration.ofMinutes(2));

  private final Duration fallback;

  WaitTimeout(Duration fallback) {
    this.fallback = fallback;
  }

  public Duration duration() {
    String configured = System.getProperty("harness.timeout." + name().toLowerCase(Locale.ROOT).replace('_', '-'));
    return configured == null ? fallback : Duration.ofSeconds(Long.parseLong(configured.trim()));
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
