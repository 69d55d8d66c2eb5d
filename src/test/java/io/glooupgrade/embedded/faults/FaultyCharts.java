package io.glooupgrade.embedded.faults;

import io.glooupgrade.embedded.catalog.ChartArchive;
import io.glooupgrade.embedded.catalog.ChartPackager;
import io.glooupgrade.embedded.catalog.EmbeddedHelmRepository;
import io.glooupgrade.embedded.catalog.FixtureCharts;
import io.glooupgrade.embedded.catalog.GlooVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The OSS repository as the faults want it: a chart may ship without one of its CRDs. */
public final class FaultyCharts {

  private FaultyCharts() {
  }

  public static EmbeddedHelmRepository ossRepository(Faults faults, Path workDir) {
    List<ChartArchive> charts = new ArrayList<>();
    for (ChartArchive chart : FixtureCharts.ossCharts()) {
      charts.add(faults.crdMissingFromChart(chart.version())
          .map(crd -> withoutCrd(GlooVersion.parse(chart.version()), crd, workDir))
          .orElse(chart));
    }
    return EmbeddedHelmRepository.start(charts);
  }

  private static ChartArchive withoutCrd(GlooVersion version, String crdName, Path workDir) {
    try {
      Path source = Files.createDirectories(workDir.resolve("faulty-charts").resolve(version.tag()));
      Path chart = FixtureCharts.writeOssChart(version, source);
      try (Stream<Path> crds = Files.list(chart.resolve("crds"))) {
        List<Path> matching = crds.filter(f -> contains(f, "name: " + crdName)).toList();
        if (matching.isEmpty()) {
          throw new IllegalArgumentException("the chart of " + version + " has no CRD " + crdName);
        }
        for (Path file : matching) {
          Files.delete(file);
        }
      }
      return ChartPackager.pack(chart, Files.createDirectories(workDir.resolve("faulty-archives")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.readString(file).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
