package io.glooupgrade.evidence;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One numbered step of one of the two guides, and how to recognise the Gherkin steps that encode
 * it: scenarios tagged with its section ({@code @upgrade-steps.crds}) that contain a step whose
 * text matches one of {@code encodedBy}. A step no scenario can verify says why in {@code manual}.
 */
public record GuideStep(String guide, String section, String number, String title, List<Pattern> encodedBy,
    String manual) {

  /** The section tag, e.g. {@code @canary.rollback}. */
  public String tag() {
    return "@" + section;
  }

  /** e.g. "Upgrade Steps 4.2.1" or "Canary upgrade (canary-upgrade-fed) 9". */
  public String reference() {
    return ("upgrade-steps".equals(guide) ? "Upgrade Steps " : "Canary upgrade ") + number;
  }

  boolean encodedIn(List<String> stepTexts) {
    return encodedBy.stream().anyMatch(p -> stepTexts.stream().anyMatch(t -> p.matcher(t).find()));
  }
}
