package io.glooupgrade.embedded.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Gloo Edge OSS releases the embedded world offers: several patches of several minors, so
 * that "upgrade to the latest patch first" and "one minor at a time" have something to act on.
 * To offer another release, add its number here; everything else derives from it.
 */
public final class GlooVersions {

  // 1.12 and 1.13 are there for the canary guide's Federation example (retryBackOff arrives in
  // 1.13.0); GLOO_FACTS.md lists no patch numbers for them, so these are plausible late patches.
  private static final List<GlooVersion> OSS = Stream.of(
          "1.12.58",
          "1.13.35",
          "1.16.27",
          "1.17.37", "1.17.38",
          "1.18.40", "1.18.41",
          "1.19.20",
          "1.20.22",
          "1.21.13",
          "1.22.1")
      .map(GlooVersion::parse)
      .sorted()
      .toList();

  private GlooVersions() {
  }

  /** Every offered OSS release, oldest first. */
  public static List<GlooVersion> all() {
    return OSS;
  }

  /** The offered release with this number ({@code 1.18.41} or {@code v1.18.41}). */
  public static GlooVersion of(String version) {
    return find(version).orElseThrow(() -> new NoSuchElementException(
        "Gloo Edge " + version + " is not in the embedded catalog; offered: " + OSS));
  }

  public static Optional<GlooVersion> find(String version) {
    GlooVersion wanted = GlooVersion.parse(version);
    return OSS.stream().filter(wanted::equals).findFirst();
  }

  public static boolean offers(String version) {
    return find(version).isPresent();
  }

  /** The offered minors, e.g. {@code 1.12, 1.13, 1.16 ... 1.20}, oldest first. */
  public static List<String> minors() {
    return OSS.stream().map(GlooVersion::minorVersion).distinct().toList();
  }

  /** The offered patches of a minor ({@code 1.18}), oldest first. */
  public static List<GlooVersion> patchesOf(String minorVersion) {
    return OSS.stream().filter(v -> v.minorVersion().equals(minorVersion)).toList();
  }

  /** The latest offered patch of a minor ({@code 1.18} gives 1.18.41). */
  public static GlooVersion latestPatchOf(String minorVersion) {
    return patchesOf(minorVersion).stream().max(Comparator.naturalOrder())
        .orElseThrow(() -> new NoSuchElementException(
            "no Gloo Edge " + minorVersion + ".x in the embedded catalog; offered: " + minors()));
  }

  /** The newest offered release. */
  public static GlooVersion latest() {
    return OSS.get(OSS.size() - 1);
  }
}
