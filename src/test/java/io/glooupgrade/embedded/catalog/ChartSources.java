package io.glooupgrade.embedded.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The source files of a fixture chart, read once from the test classpath
 * ({@code catalog/<chart>/}), whether that is a directory or a jar.
 */
final class ChartSources {

  private ChartSources() {
  }

  /** Relative path (with {@code /}) to text, in a stable order. */
  static Map<String, String> read(String chart) {
    String root = "catalog/" + chart + "/";
    URL chartYaml = ChartSources.class.getClassLoader().getResource(root + "Chart.yaml");
    if (chartYaml == null) {
      throw new IllegalStateException("no fixture chart " + root + "Chart.yaml on the classpath");
    }
    try {
      URI uri = chartYaml.toURI();
      if ("jar".equals(uri.getScheme())) {
        return readJar(uri);
      }
      return readDir(Path.of(uri).getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture chart " + root, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> readJar(URI uri) throws IOException {
    try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
      return readDir(jar.provider().getPath(uri).getParent());
    } catch (FileSystemAlreadyExistsException e) {
      // someone else has the jar open: read through theirs, and leave it open
      return readDir(FileSystems.getFileSystem(uri).provider().getPath(uri).getParent());
    }
  }

  private static Map<String, String> readDir(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String relative = dir.relativize(file).toString().replace('\\', '/');
        files.put(relative, Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return Collections.unmodifiableMap(files);
  }
}
