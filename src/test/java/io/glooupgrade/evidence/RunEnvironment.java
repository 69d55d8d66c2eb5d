package io.glooupgrade.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run's facts for the report's Environment panel ({@code environment.properties} beside the
 * raw Allure results): versions, target, Kubernetes version. No secret is ever among them.
 */
public final class RunEnvironment {

  private RunEnvironment() {
  }

  public static void record(Map<String, String> facts) {
    String resultsDirectory = System.getProperty("allure.results.directory");
    if (resultsDirectory == null) {
      return; // not an Allure run (e.g. a self-test without the adapter)
    }
    try {
      Path dir = Files.createDirectories(Path.of(resultsDirectory));
      String properties = facts.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\").replace("\n", " "))
          .collect(Collectors.joining("\n", "", "\n"));
      Files.writeString(dir.resolve("environment.properties"), properties);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write environment.properties", e);
    }
  }
}
