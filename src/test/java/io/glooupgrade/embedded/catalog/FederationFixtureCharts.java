package io.glooupgrade.embedded.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The fixture gloo-fed (Gloo Federation) chart of each Federation release, which carries the
 * Enterprise numbers ({@link EnterpriseVersions#federation()}): the chart sources of
 * {@code src/test/resources/catalog/gloo-fed} with the release filled in, plus a {@code crds/}
 * folder with the Federation CRDs ({@link GlooCrds#federationCrdFolder}), which the canary guide
 * applies with {@code kubectl apply -f gloo-fed/crds}. The same chart is the gloo-ee chart's
 * {@code charts/gloo-fed}.
 *
 * <p>Packaged once per JVM, on first use.
 */
public final class FederationFixtureCharts {

  static final String CHART = "gloo-fed";

  private FederationFixtureCharts() {
  }

  /** The packaged gloo-fed chart of every Federation release, oldest first. */
  public static List<ChartArchive> federationCharts() {
    return Packaged.FEDERATION.archives;
  }

  /** The packaged gloo-fed chart of one Federation release, e.g. {@code "1.18.14"}. */
  public static ChartArchive federationChart(String version) {
    GlooVersion wanted = EnterpriseVersions.of(version).enterprise();
    return federationCharts().stream().filter(a -> a.version().equals(wanted.tag())).findFirst()
        .orElseThrow(() -> new NoSuchElementException(
            "Gloo Federation " + version + " is not in the embedded catalog"));
  }

  /**
   * Writes the unpacked gloo-fed chart of a release into {@code parentDir/gloo-fed} and returns
   * that directory.
   */
  public static Path writeFederationChart(GlooVersion version, Path parentDir) {
    Path chartDir = parentDir.resolve(CHART);
    try {
      CatalogFiles.writeSources(Sources.GLOO_FED, chartDir, source -> VersionedChartText.forRelease(
          source, version, Map.of(VersionedChartText.FEDERATION_VERSION_PLACEHOLDER, version.tag())));
      CatalogFiles.writeFiles(GlooCrds.federationCrdFolder(version), chartDir.resolve("crds"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the gloo-fed chart of " + version, e);
    }
    return chartDir;
  }

  /** Holder idiom: the sources are read once. */
  private static final class Sources {
    static final Map<String, String> GLOO_FED = ChartSources.read(CHART);
  }

  // A plain (sequential) loop: a parallel stream inside a class initialiser deadlocks when its
  // lambdas belong to the class being initialised (see FixtureCharts), and these few charts
  // package in milliseconds.
  private static List<ChartArchive> packageAll(Path root) {
    return EnterpriseVersions.federation().stream()
        .map(v -> ChartPackager.pack(writeFederationChart(v, root.resolve("src").resolve(v.tag())),
            root.resolve("charts")))
        .toList();
  }

  /** Holder idiom: packaging runs once, on first use, thread-safely. */
  private static final class Packaged {
    static final Packaged FEDERATION = new Packaged();

    final List<ChartArchive> archives;

    private Packaged() {
      archives = packageAll(CatalogFiles.temporaryRoot("gloo-fed-catalog-"));
    }
  }
}
