package io.glooupgrade.helm;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * A Helm repository's {@code index.yaml}: every version of every chart, with its download URL and
 * digest. helm-java's search returns only the newest version of a chart, so all versions
 * ({@code helm search repo --versions}) are read from the index, as Helm itself does.
 */
public final class ChartRepositoryIndex {

  /** One chart version the repository offers. */
  public record Entry(String chart, String version, URI url, String digest) {
  }

  private final List<Entry> entries;

  private ChartRepositoryIndex(List<Entry> entries) {
    this.entries = entries;
  }

  @SuppressWarnings("unchecked")
  static ChartRepositoryIndex parse(String repositoryUrl, String indexYaml) {
    Map<String, Object> index = new Yaml().load(indexYaml);
    Object rawEntries = index == null ? null : index.get("entries");
    if (!(rawEntries instanceof Map<?, ?> byChart)) {
      throw new IllegalStateException("the repository " + repositoryUrl + " has no valid index.yaml (no entries)");
    }
    URI base = URI.create(repositoryUrl.endsWith("/") ? repositoryUrl : repositoryUrl + "/");
    List<Entry> entries = new ArrayList<>();
    byChart.forEach((chart, versions) -> {
      for (Map<String, Object> v : (List<Map<String, Object>>) versions) {
        List<String> urls = (List<String>) v.get("urls");
        if (urls == null || urls.isEmpty()) {
          continue;
        }
        entries.add(new Entry(String.valueOf(chart), String.valueOf(v.get("version")), base.resolve(urls.get(0)),
            (String) v.get("digest")));
      }
    });
    return new ChartRepositoryIndex(entries);
  }

  /** Versions of the chart, newest first, as {@code helm search repo --versions} lists them. */
  public List<String> versions(String chart) {
    return entries.stream().filter(e -> e.chart().equals(chart)).map(Entry::version)
        .sorted(Comparator.comparing(SemanticVersion::parse).reversed()).toList();
  }

  public Optional<Entry> find(String chart, String version) {
    return entries.stream().filter(e -> e.chart().equals(chart) && e.version().equals(version)).findFirst();
  }
}
