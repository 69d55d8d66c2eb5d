package io.glooupgrade.embedded.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A Helm repository's {@code index.yaml}: {@code apiVersion: v1} and, per chart name, its
 * versions, newest first, each with its digest and the absolute URL of its archive.
 */
final class HelmRepositoryIndex {

  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());

  private HelmRepositoryIndex() {
  }

  static String render(List<ChartArchive> charts, String baseUrl) {
    ObjectNode index = JsonNodeFactory.instance.objectNode();
    index.put("apiVersion", "v1");
    ObjectNode entries = index.putObject("entries");
    Map<String, List<ChartArchive>> byName = charts.stream()
        .collect(Collectors.groupingBy(ChartArchive::name, TreeMap::new, Collectors.toList()));
    byName.forEach((name, versions) -> {
      ArrayNode list = entries.putArray(name);
      versions.stream()
          .sorted(Comparator.comparing((ChartArchive a) -> GlooVersion.parse(a.version())).reversed())
          .forEach(a -> entry(list.addObject(), a, baseUrl));
    });
    index.put("generated", rfc3339(Instant.now()));
    try {
      return YAML.writeValueAsString(index);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void entry(ObjectNode entry, ChartArchive archive, String baseUrl) {
    entry.put("apiVersion", "v2");
    entry.put("name", archive.name());
    entry.put("version", archive.version());
    entry.put("appVersion", archive.appVersion());
    entry.put("description", archive.description());
    entry.put("type", "application");
    entry.put("created", rfc3339(archive.created()));
    entry.put("digest", archive.digest());
    entry.putArray("urls").add(baseUrl + "/" + archive.fileName());
  }

  private static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
