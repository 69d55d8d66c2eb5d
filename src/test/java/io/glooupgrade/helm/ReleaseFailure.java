package io.glooupgrade.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why Helm could not install, upgrade or uninstall a release, read from Helm's own error: an
 * object Helm may not patch (an immutable field), a hook Job that failed, or a wait that ran out.
 * Each is a failure of the upgrade procedure on this cluster, not a crash of the product.
 */
public record ReleaseFailure(Cause cause, List<String> failedJobs) {

  private static final Pattern FAILED_JOB = Pattern.compile("job (?:\"?)([a-z0-9][a-z0-9.-]*)(?:\"?) failed");

  /** The kinds of procedure failure the report tells apart. */
  public enum Cause {
    IMMUTABLE_FIELD("an object of the release cannot be patched: a field is immutable"),
    HOOK_JOB_FAILED("a Helm hook Job failed"),
    TIMED_OUT("Helm timed out waiting"),
    OTHER("Helm refused the release");

    private final String description;

    Cause(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  public static ReleaseFailure of(String helmMessage) {
    String message = String.valueOf(helmMessage);
    List<String> jobs = new ArrayList<>();
    Matcher m = FAILED_JOB.matcher(message);
    while (m.find()) {
      if (!jobs.contains(m.group(1))) {
        jobs.add(m.group(1));
      }
    }
    String lower = message.toLowerCase(Locale.ROOT);
    Cause cause = lower.contains("field is immutable") ? Cause.IMMUTABLE_FIELD
        : !jobs.isEmpty() || lower.contains("hooks failed") ? Cause.HOOK_JOB_FAILED
        : lower.contains("timed out waiting") || lower.contains("context deadline exceeded") ? Cause.TIMED_OUT
        : Cause.OTHER;
    return new ReleaseFailure(cause, List.copyOf(jobs));
  }

  /** The words that open the failure's message, which the report's categories read. */
  public String headline() {
    return "Upgrade procedure failed (" + cause.description() + ")";
  }
}
