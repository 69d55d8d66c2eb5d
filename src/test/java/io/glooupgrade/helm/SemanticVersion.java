package io.glooupgrade.helm;

import java.util.Comparator;

/** A chart version such as 1.19.20 (an optional leading v and pre-release suffix are tolerated). */
public record SemanticVersion(int major, int minor, int patch, String preRelease) implements Comparable<SemanticVersion> {

  private static final Comparator<SemanticVersion> ORDER = Comparator.comparingInt(SemanticVersion::major)
      .thenComparingInt(SemanticVersion::minor).thenComparingInt(SemanticVersion::patch)
      .thenComparing(v -> v.preRelease().isEmpty() ? "~" : v.preRelease());

  public static SemanticVersion parse(String text) {
    String v = text.startsWith("v") ? text.substring(1) : text;
    String pre = "";
    int dash = v.indexOf('-');
    if (dash >= 0) {
      pre = v.substring(dash + 1);
      v = v.substring(0, dash);
    }
    String[] parts = v.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a version: " + text);
    }
    return new SemanticVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), pre);
  }

  public String minorLine() {
    return major + "." + minor;
  }

  @Override
  public int compareTo(SemanticVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
  }
}
