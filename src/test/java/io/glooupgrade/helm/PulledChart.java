package io.glooupgrade.helm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A chart archive as {@code helm pull --untar} would leave it: its files by path
 * ({@code gloo-ee/charts/gloo/crds/...}), so that a step can apply exactly the folder a guide names.
 */
public final class PulledChart {

  private final Map<String, String> files;

  private PulledChart(Map<String, String> files) {
    this.files = files;
  }

  public static PulledChart read(Path archive) {
    Map<String, String> files = new TreeMap<>();
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isFile()) {
          files.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the chart archive " + archive, e);
    }
    return new PulledChart(files);
  }

  /** The text of one file, e.g. {@code gloo-ee/Chart.yaml}. */
  public String file(String path) {
    String text = files.get(path);
    if (text == null) {
      throw new IllegalArgumentException("the chart has no file " + path);
    }
    return text;
  }

  /** Every YAML file directly in a folder (e.g. {@code gloo/crds}), as one YAML stream in name order. */
  public String yamlIn(String folder) {
    String prefix = folder.endsWith("/") ? folder : folder + "/";
    StringBuilder stream = new StringBuilder();
    files.forEach((path, text) -> {
      String rest = path.startsWith(prefix) ? path.substring(prefix.length()) : null;
      if (rest != null && !rest.contains("/") && (rest.endsWith(".yaml") || rest.endsWith(".yml"))) {
        stream.append("---\n").append(text).append(text.endsWith("\n") ? "" : "\n");
      }
    });
    if (stream.isEmpty()) {
      throw new IllegalArgumentException("the chart has no YAML files in " + folder);
    }
    return stream.toString();
  }
}
