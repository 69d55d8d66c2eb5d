package io.glooupgrade.embedded.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The fixture gloo-ee (Gloo Edge Enterprise) chart of each Enterprise release, generated from the
 * OSS chart rather than copied from it: the small Enterprise overlay of
 * {@code src/test/resources/catalog/gloo-ee} (Chart.yaml with its dependencies, values.yaml with
 * the OSS values under {@code gloo.}, the licence Secret and the Enterprise-only extauth and
 * rate-limit) plus, as subcharts, the gloo chart of the OSS release it pulls in at
 * {@code charts/gloo} and the gloo-fed chart of the same release at {@code charts/gloo-fed}. So
 * {@code helm pull --untar} leaves the CRDs at {@code gloo-ee/charts/gloo/crds} and
 * {@code gloo-ee/charts/gloo-fed/crds}, as the upgrade guide expects.
 *
 * <p>Packaged once per JVM, on first use.
 */
public final class EnterpriseFixtureCharts {

  static final String CHART = "gloo-ee";

  private EnterpriseFixtureCharts() {
  }

  /** The packaged gloo-ee chart of every Enterprise release, oldest first. */
  public static List<ChartArchive> enterpriseCharts() {
    return Packaged.ENTERPRISE.archives;
  }

  /** The packaged gloo-ee chart of one Enterprise release. */
  public static ChartArchive enterpriseChart(EnterpriseVersion version) {
    return enterpriseCharts().stream().filter(a -> a.version().equals(version.tag())).findFirst()
        .orElseThrow(() -> new NoSuchElementException(
            "Gloo Edge Enterprise " + version + " is not in the embedded catalog"));
  }

  /** The packaged gloo-ee chart of one Enterprise release, e.g. {@code "1.18.14"}. */
  public static ChartArchive enterpriseChart(String version) {
    return enterpriseChart(EnterpriseVersions.of(version));
  }

  /**
   * Writes the unpacked gloo-ee chart of a release, subcharts included, into
   * {@code parentDir/gloo-ee} and returns that directory: for a variant chart (a fault), change it
   * and pack it with {@link ChartPackager}.
   */
  public static Path writeEnterpriseChart(EnterpriseVersion version, Path parentDir) {
    Path chartDir = parentDir.resolve(CHART);
    Map<String, String> placeholders = Map.of(
        VersionedChartText.ENTERPRISE_VERSION_PLACEHOLDER, version.tag(),
        VersionedChartText.VERSION_PLACEHOLDER, version.ossTag());
    try {
      CatalogFiles.writeSources(Sources.GLOO_EE, chartDir, source ->
          VersionedChartText.forRelease(source, version.enterprise(), placeholders));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the gloo-ee chart of " + version, e);
    }
    FixtureCharts.writeOssChart(version.oss(), chartDir.resolve("charts"));
    FederationFixtureCharts.writeFederationChart(version.enterprise(), chartDir.resolve("charts"));
    return chartDir;
  }

  /** Holder idiom: the sources are read once. */
  private static final class Sources {
    static final Map<String, String> GLOO_EE = ChartSources.read(CHART);
  }

  // A plain (sequential) loop, for the reason given in FederationFixtureCharts.
  private static List<ChartArchive> packageAll(Path root) {
    return EnterpriseVersions.all().stream()
        .map(v -> ChartPackager.pack(writeEnterpriseChart(v, root.resolve("src").resolve(v.tag())),
            root.resolve("charts")))
        .toList();
  }

  /** Holder idiom: packaging runs once, on first use, thread-safely. */
  private static final class Packaged {
    static final Packaged ENTERPRISE = new Packaged();

    final List<ChartArchive> archives;

    private Packaged() {
      archives = packageAll(CatalogFiles.temporaryRoot("gloo-ee-catalog-"));
    }
  }
}
