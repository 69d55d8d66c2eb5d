package io.glooupgrade.selftest.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The objects of a multi-document YAML stream, as Helm renders them. */
final class Manifests {

  private static final YAMLMapper YAML = new YAMLMapper();
  private final List<JsonNode> objects;

  private Manifests(List<JsonNode> objects) {
    this.objects = objects;
  }

  static Manifests parse(String yaml) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.isObject() && doc.has("kind")) {
          objects.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Manifests(objects);
  }

  JsonNode get(String kind, String name) {
    return find(kind, name).orElseThrow(() -> new NoSuchElementException(
        "no " + kind + " " + name + " among " + names()));
  }

  Optional<JsonNode> find(String kind, String name) {
    return objects.stream()
        .filter(o -> o.path("kind").asText().equals(kind))
        .filter(o -> o.path("metadata").path("name").asText().equals(name))
        .findFirst();
  }

  List<String> names(String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind))
        .map(o -> o.path("metadata").path("name").asText()).toList();
  }

  List<String> names() {
    return objects.stream()
        .map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText()).toList();
  }
}
