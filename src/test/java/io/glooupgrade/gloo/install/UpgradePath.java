package io.glooupgrade.gloo.install;

import io.glooupgrade.helm.SemanticVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Step 1 of the Upgrade Steps guide over the versions a Helm repository offers: upgrade to the
 * latest patch of the current minor first (1.1), and never skip a minor: from 1.17 to 1.19 goes
 * through the latest patch of 1.18 (1.2). Pre-releases are not upgrade targets.
 */
public final class UpgradePath {

  /** One upgrade of an incremental path, and why it is there. */
  public record Stop(String version, String why) {

    @Override
    public String toString() {
      return version + " (" + why + ")";
    }
  }

  private final String chart;
  private final List<SemanticVersion> releases;

  /** The path over the versions {@code chart} (e.g. gloo/gloo) offers, as {@code helm search repo --versions} lists them. */
  public UpgradePath(String chart, Collection<String> offeredVersions) {
    this.chart = chart;
    this.releases = offeredVersions.stream().map(SemanticVersion::parse).filter(v -> v.preRelease().isEmpty())
        .sorted(Comparator.reverseOrder()).toList();
  }

  /** The newest release of the version's minor, if the repository offers any. */
  public Optional<String> latestPatchOf(String version) {
    SemanticVersion v = SemanticVersion.parse(version);
    return latestOfMinor(v.major(), v.minor());
  }

  /** The newest release offered (what a new version of "latest" means). */
  public Optional<String> newest() {
    return releases.stream().findFirst().map(SemanticVersion::toString);
  }

  /** The newest release of the minor before the version's (1.22.1: the latest 1.21 patch), if offered. */
  public Optional<String> latestPatchOfPreviousMinor(String version) {
    SemanticVersion v = SemanticVersion.parse(version);
    return v.minor() == 0 ? Optional.empty() : latestOfMinor(v.major(), v.minor() - 1);
  }

  public boolean isLatestPatch(String version) {
    return latestPatchOf(version).map(SemanticVersion::parse)
        .map(latest -> latest.compareTo(SemanticVersion.parse(version)) <= 0).orElse(true);
  }

  /** How many minors the upgrade crosses (1.18 to 1.19: one); empty across majors, where the rule does not apply. */
  public Optional<Integer> minorsCrossed(String from, String to) {
    SemanticVersion a = SemanticVersion.parse(from);
    SemanticVersion b = SemanticVersion.parse(to);
    return a.major() == b.major() ? Optional.of(b.minor() - a.minor()) : Optional.empty();
  }

  /**
   * The upgrades the guide asks for, in order: the latest patch of the current minor (when the
   * current version is not it), the latest patch of every minor in between, then the new version.
   */
  public List<Stop> stops(String from, String to) {
    SemanticVersion a = SemanticVersion.parse(from);
    SemanticVersion b = SemanticVersion.parse(to);
    List<Stop> stops = new ArrayList<>();
    if (!isLatestPatch(from)) {
      stops.add(new Stop(latestPatchOf(from).orElseThrow(), "latest patch of " + a.minorLine()));
    }
    if (a.major() == b.major()) {
      for (int minor = a.minor() + 1; minor < b.minor(); minor++) {
        String line = a.major() + "." + minor;
        stops.add(latestOfMinor(a.major(), minor).map(v -> new Stop(v, "latest patch of " + line))
            .orElse(new Stop(line + ".x", "no " + line + " release offered by " + chart)));
      }
    }
    if (b.compareTo(a) > 0) {
      stops.add(new Stop(b.toString(), "the new version"));
    }
    return stops;
  }

  /** The path as a reviewer reads it: {@code 1.17.37 -> 1.17.38 (latest patch of 1.17) -> ...}. */
  public String describe(String from, String to) {
    return from + " -> " + stops(from, to).stream().map(Stop::toString).collect(Collectors.joining(" -> "))
        + "   (versions offered by " + chart + ": " + releases.stream().map(SemanticVersion::toString)
        .collect(Collectors.joining(", ")) + ")";
  }

  private Optional<String> latestOfMinor(int major, int minor) {
    return releases.stream().filter(r -> r.major() == major && r.minor() == minor).findFirst()
        .map(SemanticVersion::toString);
  }
}
