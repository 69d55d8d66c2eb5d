package io.glooupgrade.gloo.canary;

import io.glooupgrade.helm.SemanticVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The route retry options ({@code options.retries}) that exist only from some Gloo Edge release on
 * (GLOO_FACTS.md, "Fields that exist only from some version on"), each with a sample setting. A
 * release whose CRDs lack one prunes it on write: that is how an old version ignores a new field,
 * and how a custom resource changed for the new version (canary guide, step 6) shows whether the
 * new version's CRDs are in place.
 */
public enum RetryOption {

  RETRY_BACK_OFF("retryBackOff", "1.13.0", Map.of("baseInterval", "1s", "maxInterval", "3s")),
  PREVIOUS_PRIORITIES("previousPriorities", "1.17.0", Map.of("updateFrequency", 2)),
  RETRIABLE_STATUS_CODES("retriableStatusCodes", "1.18.0", List.of(503)),
  RATE_LIMITED_RETRY_BACK_OFF("rateLimitedRetryBackOff", "1.20.0",
      Map.of("resetHeaders", List.of(Map.of("name", "Retry-After", "format", "SECONDS")), "maxInterval", "30s"));

  private final String field;
  private final SemanticVersion since;
  private final Object sample;

  RetryOption(String field, String since, Object sample) {
    this.field = field;
    this.since = SemanticVersion.parse(since);
    this.sample = sample;
  }

  /** The field's name under {@code options.retries}. */
  public String field() {
    return field;
  }

  /** The first release that knows the field. */
  public String since() {
    return since.toString();
  }

  /** Whether a Gloo Edge (OSS) release knows the field; for Enterprise, pass the OSS version it runs. */
  public boolean isKnownBy(String ossVersion) {
    return SemanticVersion.parse(ossVersion).compareTo(since) >= 0;
  }

  public Object sample() {
    return sample;
  }

  /** The options a Gloo Edge (OSS) release knows; for Enterprise, pass the OSS version it runs. */
  public static List<RetryOption> knownBy(String ossVersion) {
    return Arrays.stream(values()).filter(o -> o.isKnownBy(ossVersion)).toList();
  }
}
