package io.glooupgrade.embedded.catalog;

import java.util.Arrays;
import java.util.List;

/**
 * RetryPolicy fields ({@code options.retries}) that exist only from some release on
 * (GLOO_FACTS.md). An older release's CRD does not declare them, so the API server prunes them:
 * that is how an old Gloo "ignores" a new field.
 */
public enum RetryPolicyField {
  /** {@code retryBackOff {baseInterval, maxInterval}}: the canary guide's 1.12-vs-1.13 example. */
  RETRY_BACK_OFF("retryBackOff", "1.13.0"),
  /** {@code previousPriorities {updateFrequency}}. */
  PREVIOUS_PRIORITIES("previousPriorities", "1.17.0"),
  /** {@code retriableStatusCodes: [int]}. */
  RETRIABLE_STATUS_CODES("retriableStatusCodes", "1.18.0"),
  /** {@code rateLimitedRetryBackOff {resetHeaders, maxInterval}}. */
  RATE_LIMITED_RETRY_BACK_OFF("rateLimitedRetryBackOff", "1.20.0");

  private final String fieldName;
  private final GlooVersion since;

  RetryPolicyField(String fieldName, String since) {
    this.fieldName = fieldName;
    this.since = GlooVersion.parse(since);
  }

  /** The field's JSON name under {@code retries}. */
  public String fieldName() {
    return fieldName;
  }

  /** The first release whose API has the field. */
  public GlooVersion since() {
    return since;
  }

  public boolean isAvailableIn(GlooVersion version) {
    return version.compareTo(since) >= 0;
  }

  public static List<RetryPolicyField> availableIn(GlooVersion version) {
    return Arrays.stream(values()).filter(f -> f.isAvailableIn(version)).toList();
  }
}
