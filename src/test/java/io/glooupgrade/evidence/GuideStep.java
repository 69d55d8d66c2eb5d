package io.glooupgrade.evidence;

/**
 * One numbered step of one of the two guides, as {@code guides/steps.yaml} lists it. Which
 * scenarios encode it comes from the step definitions' {@link Encodes} declarations, in the
 * scenarios tagged with its section ({@code @upgrade-steps.crds}). A step no scenario can verify
 * says why in {@code manual}. {@code realCluster} says what changes on a real cluster with a real
 * glooctl ({@code harness.glooctl}), when something does.
 */
public record GuideStep(String guide, String section, String number, String title, String manual,
    String realCluster) {

  /** The section tag, e.g. {@code @canary.rollback}. */
  public String tag() {
    return "@" + section;
  }

  /** The id step definitions declare: the step's number in steps.yaml ("5.2", "canary-upgrade 7"). */
  public String id() {
    return number;
  }

  /** e.g. "Upgrade Steps 4.2.1" or "Canary upgrade canary-upgrade-fed 9". */
  public String reference() {
    return ("upgrade-steps".equals(guide) ? "Upgrade Steps " : "Canary upgrade ") + number;
  }
}
