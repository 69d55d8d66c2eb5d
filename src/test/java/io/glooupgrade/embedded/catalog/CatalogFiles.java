package io.glooupgrade.embedded.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Where the fixture charts are written and packaged: a temporary directory per JVM and chart. */
final class CatalogFiles {

  private CatalogFiles() {
  }

  /** A fresh directory, removed when the JVM exits. */
  static Path temporaryRoot(String prefix) {
    try {
      Path root = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the catalog's directory", e);
    }
  }

  /** Writes chart sources (relative path to text) into {@code chartDir}, each passed through {@code release}. */
  static void writeSources(Map<String, String> sources, Path chartDir, UnaryOperator<String> release)
      throws IOException {
    for (Map.Entry<String, String> source : sources.entrySet()) {
      write(chartDir.resolve(source.getKey()), release.apply(source.getValue()));
    }
  }

  /** Writes generated files (file name to text) into {@code dir}, e.g. a chart's {@code crds/}. */
  static void writeFiles(Map<String, String> files, Path dir) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      write(dir.resolve(file.getKey()), file.getValue());
    }
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary directory is harmless at JVM exit
    }
  }
}
