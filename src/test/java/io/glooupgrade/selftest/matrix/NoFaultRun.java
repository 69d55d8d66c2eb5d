package io.glooupgrade.selftest.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glooupgrade.traffic.StepTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * Every scenario of the feature files, with no fault, run by Cucumber's command line in a JVM of
 * its own, as the acceptance suite runs them on the embedded cluster: started first, it runs while
 * the fault rows run in the test's JVM (both mostly wait on the embedded clusters), so the
 * false-positive check does not add its minutes to the matrix's. Its outcome is read from
 * Cucumber's JSON report: a scenario passes when its background, its steps and its hooks passed.
 */
public final class NoFaultRun {

  // Three times ScenarioRun's short waits: a scenario that passes never waits them out, and a
  // machine busy with other builds must not turn a slow rollout into a false positive.
  private static final Map<String, String> SETTINGS = Map.of("harness.timeout.rollout", "60",
      "harness.timeout.check", "30", "harness.timeout.route", "30", "sun.net.httpserver.nodelay", "true");
  private static final long LIMIT_MINUTES = 10;

  private final Process process;
  private final Path report;
  private final Path log;

  private NoFaultRun(Process process, Path report, Path log) {
    this.process = process;
    this.report = report;
    this.log = log;
  }

  public static NoFaultRun start(Path features, Path workDir) throws IOException {
    Files.createDirectories(workDir);
    Path report = workDir.resolve("no-fault-cucumber.json");
    Path log = workDir.resolve("no-fault-run.log");
    Files.deleteIfExists(report);
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath));
    SETTINGS.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of("io.cucumber.core.cli.Main", "--glue", "io.glooupgrade.steps", "--plugin",
        "json:" + report, "--plugin", StepTimeline.class.getName(), "--monochrome", "--tags", FaultMatrix.DEFAULT_RUN,
        features.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // On the embedded world, as ScenarioRun: a target configured in the environment is not passed on.
    builder.environment().keySet().removeIf(k -> k.startsWith("HARNESS_"));
    Process process = builder.start();
    // Should this JVM be stopped, the run it started stops with it.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    return new NoFaultRun(process, report, log);
  }

  /** Waits for the run (at most ten minutes) and returns each scenario's outcome. */
  public List<NoFaultResult> await() throws IOException, InterruptedException {
    if (!process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the no-fault run did not end within " + LIMIT_MINUTES + " minutes; see " + log);
    }
    if (!Files.exists(report)) {
      throw new IllegalStateException("the no-fault run wrote no report (exit " + process.exitValue() + "); see " + log);
    }
    return outcomes(new ObjectMapper().readTree(report.toFile()));
  }

  public void stop() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static List<NoFaultResult> outcomes(JsonNode features) {
    List<NoFaultResult> results = new ArrayList<>();
    for (JsonNode feature : features) {
      String file = Path.of(feature.path("uri").asText()).getFileName().toString();
      List<JsonNode> background = List.of();
      for (JsonNode element : feature.path("elements")) {
        List<JsonNode> steps = new ArrayList<>();
        element.path("before").forEach(steps::add);
        element.path("steps").forEach(steps::add);
        element.path("after").forEach(steps::add);
        if (element.path("type").asText().equals("background")) {
          background = steps;
          continue;
        }
        List<JsonNode> all = new ArrayList<>(background);
        all.addAll(steps);
        JsonNode failed = all.stream().filter(s -> !s.path("result").path("status").asText().equals("passed"))
            .findFirst().orElse(null);
        String edition = StreamSupport.stream(element.path("tags").spliterator(), false)
            .map(t -> t.path("name").asText()).filter(t -> List.of("@oss", "@enterprise", "@federation").contains(t))
            .map(t -> t.substring(1)).findFirst().orElse("no edition tag");
        results.add(new NoFaultResult(file, element.path("name").asText(), edition, failed == null,
            failed == null ? null : failed.path("keyword").asText("hook ") + failed.path("name").asText(""),
            failed == null ? null : MatrixResult.shortened(failed.path("result").path("error_message")
                .asText(failed.path("result").path("status").asText()))));
        background = List.of();
      }
    }
    return results;
  }
}
