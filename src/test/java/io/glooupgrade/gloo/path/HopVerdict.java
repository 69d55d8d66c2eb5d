package io.glooupgrade.gloo.path;

/** What one guide step of one hop came to: passed, failed (with why), or not reached after a failure. */
public record HopVerdict(UpgradeHop hop, String step, String title, String verdict, String detail) {

  public static final String PASSED = "passed";
  public static final String FAILED = "failed";
  public static final String NOT_REACHED = "not reached";
}
