package io.glooupgrade.helm;

/** A chart version such as 1.19.20 (an optional leading v and pre-release suffix are tolerated). */
public record SemanticVersion(int major, int minor, int patch, String preRelease) implements Comparable<SemanticVersion> {

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
    int order = major != other.major ? Integer.compare(major, other.major)
        : minor != other.minor ? Integer.compare(minor, other.minor) : Integer.compare(patch, other.patch);
    // A release sorts after its pre-releases ("~" sorts after every pre-release's text).
    return order != 0 ? order : releaseOrder(preRelease).compareTo(releaseOrder(other.preRelease));
  }

  private static String releaseOrder(String preRelease) {
    return preRelease.isEmpty() ? "~" : preRelease;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
  }
}
