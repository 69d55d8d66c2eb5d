package io.glooupgrade.evidence.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The raw Allure results of a run, as the evidence of each scenario: its {@code *-result.json}
 * (found by name, tags and the feature file and line in its {@code fullName}), the
 * {@code *-container.json} files of its hooks (the Before and After hooks' evidence, e.g. the
 * cleanup), and every attachment they reference, at any depth of steps.
 */
public final class AllureResults {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record RawFile(Path path, JsonNode json) {
  }

  private final List<RawFile> results;
  private final List<RawFile> containers;

  private AllureResults(List<RawFile> results, List<RawFile> containers) {
    this.results = results;
    this.containers = containers;
  }

  public static AllureResults in(Path directory) {
    if (!Files.isDirectory(directory)) {
      return new AllureResults(List.of(), List.of());
    }
    return new AllureResults(read(directory, "-result.json"), read(directory, "-container.json"));
  }

  /** The files that are a scenario's evidence, its result first; empty when Allure has no result for it. */
  public List<Path> evidenceOf(ScenarioOutcome scenario) {
    Set<Path> files = new LinkedHashSet<>();
    for (RawFile result : results) {
      if (!matches(result.json(), scenario)) {
        continue;
      }
      files.add(result.path());
      String uuid = result.json().path("uuid").asText();
      List<RawFile> hooks = containers.stream().filter(c -> contains(c.json().path("children"), uuid)).toList();
      hooks.forEach(c -> files.add(c.path()));
      attachments(result.json(), result.path().getParent(), files);
      hooks.forEach(c -> attachments(c.json(), c.path().getParent(), files));
    }
    return List.copyOf(files);
  }

  private static boolean matches(JsonNode result, ScenarioOutcome scenario) {
    Set<String> tags = new HashSet<>();
    result.path("labels").forEach(l -> {
      if ("tag".equals(l.path("name").asText())) {
        tags.add("@" + l.path("value").asText());
      }
    });
    return scenario.name().equals(result.path("name").asText())
        && result.path("fullName").asText().endsWith(scenario.featureFile() + ":" + scenario.line())
        && tags.equals(new HashSet<>(scenario.tags()));
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode item : array) {
      if (value.equals(item.asText())) {
        return true;
      }
    }
    return false;
  }

  // Attachments hang off the result, its steps (nested), and a container's befores and afters.
  private static void attachments(JsonNode node, Path directory, Set<Path> files) {
    node.path("attachments").forEach(a -> {
      Path source = directory.resolve(a.path("source").asText()).normalize();
      if (source.startsWith(directory) && !source.equals(directory)) { // a file of the results, nothing else
        files.add(source);
      }
    });
    for (String children : List.of("steps", "befores", "afters")) {
      node.path(children).forEach(child -> attachments(child, directory, files));
    }
  }

  private static List<RawFile> read(Path directory, String suffix) {
    try (Stream<Path> listing = Files.list(directory)) {
      List<RawFile> files = new ArrayList<>();
      for (Path file : listing.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList()) {
        files.add(new RawFile(file, JSON.readTree(file.toFile())));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Allure results in " + directory, e);
    }
  }
}
