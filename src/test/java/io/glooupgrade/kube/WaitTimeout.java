package io.glooupgrade.kube;

import io.glooupgrade.config.WholeNumberSetting;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The named timeouts of the harness's waits, each a setting {@code harness.timeout.<name>} in
 * seconds (e.g. harness.timeout.rollout=600, or HARNESS_TIMEOUT_ROLLOUT=600), read like every
 * other setting.
 */
public enum WaitTimeout {
  ROLLOUT(Duration.ofMinutes(5)),
  /** How long glooctl check may take to come clean after a change (Gloo's own tests poll it for 90 s). */
  CHECK(Duration.ofSeconds(90)),
  /** How long a route may take to serve after a change, and how long to look for the gateway's address. */
  ROUTE(Duration.ofSeconds(60)),
  /**
   * How long Helm may wait for each hook Job of an install or upgrade (its {@code --timeout}, 5m0s
   * by default, as Helm's own); a hook that waits for a component that never becomes ready fails the
   * command then.
   */
  HELM(Duration.ofMinutes(5)),
  /**
   * How long one run of the configured glooctl binary (harness.glooctl) may take before it is killed:
   * a glooctl that hangs (an unreachable API, a prompt) must fail its step, not the whole job.
   */
  GLOOCTL(Duration.ofMinutes(5)),
  /** How long an interrupted run may take to undo what its running scenario created and write its report. */
  INTERRUPT(Duration.ofMinutes(2));

  // A day: longer than any CI job may run, so a larger number is a typo.
  private static final long MAX_SECONDS = 86_400;

  private final WholeNumberSetting setting;

  WaitTimeout(Duration fallback) {
    this.setting = new WholeNumberSetting("harness.timeout." + label(name()), 1, MAX_SECONDS, fallback.toSeconds());
  }

  public Duration duration() {
    return Duration.ofSeconds(setting.value());
  }

  public String label() {
    return label(name());
  }

  /** The setting's key: harness.timeout.rollout, ... */
  public String key() {
    return setting.key();
  }

  /** What is wrong with the timeouts the source sets, for the settings' one list of problems. */
  public static List<String> problemsIn(Function<String, String> source) {
    return Arrays.stream(values()).map(timeout -> timeout.setting.problemIn(source)).flatMap(Optional::stream).toList();
  }

  private static String label(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
