package io.glooupgrade.evidence;

import io.glooupgrade.evidence.compliance.ScenarioFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The run's facts for the report's Environment panel ({@code environment.properties} beside the
 * raw Allure results): per edition run, its versions; the target and its Kubernetes version; the
 * harness version and commit. Facts from every scenario of the run add up; no secret is among them.
 * One per run ({@code HarnessRun.environment()}).
 */
public final class RunEnvironment {

  private final Map<String, String> facts = new TreeMap<>();

  public synchronized void record(ScenarioFacts scenario) {
    String resultsDirectory = System.getProperty("allure.results.directory");
    if (resultsDirectory == null) {
      return; // not an Allure run (e.g. a self-test without the adapter)
    }
    facts.put(scenario.edition() + ".upgrade", scenario.versions().current() + " -> " + scenario.versions().next());
    facts.put(scenario.edition() + ".rollback.version", scenario.versions().rollback());
    facts.put("target", scenario.target().kind());
    facts.put("kubernetes.version", scenario.target().kubernetesVersion());
    facts.put("harness.version", HarnessVersion.version());
    facts.put("harness.commit", HarnessVersion.gitCommit());
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
