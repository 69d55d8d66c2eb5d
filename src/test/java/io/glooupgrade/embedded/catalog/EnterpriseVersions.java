package io.glooupgrade.embedded.catalog;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The Gloo Edge Enterprise releases the embedded world offers, each with the OSS release it pulls
 * in. The one table of Enterprise to OSS versions: the gloo-ee charts, the gloo-fed charts (same
 * numbers) and the twin all read it. Every OSS release named here must be in {@link GlooVersions}.
 *
 * <p>The public tags give no such table, only the rule that the patches differ (GLOO_FACTS.md,
 * "Versions"); these numbers are plausible, chosen so that no Enterprise number is also an OSS
 * number of the catalog, and so that two minors (1.17, 1.18) have two Enterprise patches each,
 * for "upgrade to the latest patch first".
 */
public final class EnterpriseVersions {

  private static final List<EnterpriseVersion> ENTERPRISE = table(new String[][] {
      // Enterprise, OSS subchart
      {"1.12.55", "1.12.58"},
      {"1.13.30", "1.13.35"},
      {"1.16.20", "1.16.27"},
      {"1.17.31", "1.17.37"},
      {"1.17.33", "1.17.38"},
      {"1.18.13", "1.18.40"},
      {"1.18.14", "1.18.41"},
      {"1.19.9", "1.19.20"},
      {"1.20.11", "1.20.22"},
      {"1.21.7", "1.21.13"},
      {"1.22.0", "1.22.1"},
  });

  private EnterpriseVersions() {
  }

  /** Every offered Enterprise release, oldest first. */
  public static List<EnterpriseVersion> all() {
    return ENTERPRISE;
  }

  /** The Gloo Federation releases: the Enterprise numbers, oldest first. */
  public static List<GlooVersion> federation() {
    return ENTERPRISE.stream().map(EnterpriseVersion::enterprise).toList();
  }

  /** Enterprise release to OSS release, oldest first. */
  public static Map<GlooVersion, GlooVersion> ossByEnterprise() {
    Map<GlooVersion, GlooVersion> table = new LinkedHashMap<>();
    ENTERPRISE.forEach(v -> table.put(v.enterprise(), v.oss()));
    return table;
  }

  /** The offered Enterprise release with this number ({@code 1.18.14} or {@code v1.18.14}). */
  public static EnterpriseVersion of(String version) {
    return find(version).orElseThrow(() -> new NoSuchElementException(
        "Gloo Edge Enterprise " + version + " is not in the embedded catalog; offered: "
            + federation()));
  }

  public static Optional<EnterpriseVersion> find(String version) {
    GlooVersion wanted = GlooVersion.parse(version);
    return ENTERPRISE.stream().filter(v -> v.enterprise().equals(wanted)).findFirst();
  }

  public static boolean offers(String version) {
    return find(version).isPresent();
  }

  /** The offered Enterprise patches of a minor ({@code 1.18}), oldest first. */
  public static List<EnterpriseVersion> patchesOf(String minorVersion) {
    return ENTERPRISE.stream().filter(v -> v.minorVersion().equals(minorVersion)).toList();
  }

  /** The latest offered Enterprise patch of a minor ({@code 1.18} gives 1.18.14). */
  public static EnterpriseVersion latestPatchOf(String minorVersion) {
    return patchesOf(minorVersion).stream().reduce((older, newer) -> newer)
        .orElseThrow(() -> new NoSuchElementException("no Gloo Edge Enterprise " + minorVersion
            + ".x in the embedded catalog; offered: " + federation()));
  }

  /** The newest offered Enterprise release. */
  public static EnterpriseVersion latest() {
    return ENTERPRISE.get(ENTERPRISE.size() - 1);
  }

  private static List<EnterpriseVersion> table(String[][] rows) {
    return Arrays.stream(rows)
        .map(row -> new EnterpriseVersion(GlooVersion.parse(row[0]), GlooVersions.of(row[1])))
        .sorted(Comparator.comparing(EnterpriseVersion::enterprise))
        .toList();
  }
}
