package io.glooupgrade.embedded.catalog;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Gloo Edge OSS release, as its image tag and chart version spell it ({@code 1.18.41}, no
 * {@code v}). What a release ships (CRDs, RetryPolicy fields) follows from its number, per
 * GLOO_FACTS.md, so adding a patch to {@link GlooVersions} is all it takes to offer it.
 * Enterprise and Federation numbers are spelt the same way; {@link EnterpriseVersion} pairs an
 * Enterprise number with the OSS release whose API it ships.
 */
public record GlooVersion(int major, int minor, int patch) implements Comparable<GlooVersion> {

  private static final Pattern SEMVER = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

  /** Parses {@code 1.18.41} or {@code v1.18.41}; the docs write both. */
  public static GlooVersion parse(String text) {
    Matcher m = SEMVER.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a Gloo Edge version (x.y.z): " + text);
    }
    return new GlooVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)));
  }

  /** The minor line, e.g. {@code 1.18}: CRD schemas and chart layout change per minor. */
  public String minorVersion() {
    return major + "." + minor;
  }

  /** Image tag, chart version and appVersion are all this string. */
  public String tag() {
    return toString();
  }

  public boolean isAtLeast(String version) {
    return compareTo(parse(version)) >= 0;
  }

  public boolean isBefore(String version) {
    return compareTo(parse(version)) < 0;
  }

  public boolean sameMinorAs(GlooVersion other) {
    return major == other.major && minor == other.minor;
  }

  /** Names of the CRDs in this release's chart {@code crds/} folder. */
  public List<String> crdNames() {
    return GlooCrd.shippedWith(this).stream().map(GlooCrd::crdName).toList();
  }

  /** The RetryPolicy ({@code options.retries}) fields this release's API knows. */
  public List<RetryPolicyField> retryPolicyFields() {
    return RetryPolicyField.availableIn(this);
  }

  public boolean knowsRetryPolicyField(RetryPolicyField field) {
    return field.isAvailableIn(this);
  }

  @Override
  public int compareTo(GlooVersion o) {
    if (major != o.major) {
      return Integer.compare(major, o.major);
    }
    if (minor != o.minor) {
      return Integer.compare(minor, o.minor);
    }
    return Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
