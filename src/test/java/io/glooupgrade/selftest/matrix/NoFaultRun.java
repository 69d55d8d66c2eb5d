package io.glooupgrade.selftest.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cucumber.core.cli.Main;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.traffic.StepTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.StreamSupport;

/**
 * Every scenario of the feature files, with no fault, run by Cucumber's command line as the
 * acceptance suite runs them on the embedded cluster, in a harness run of its own on a thread of
 * its own in the matrix's JVM: started first, it runs while the fault rows run beside it (all mostly
 * wait on the embedded clusters), so the false-positive check does not add its minutes to the
 * matrix's, nor a JVM's start and warm-up to the CPU the tests need. Its outcome is read from
 * Cucumber's JSON report: a scenario passes when its background, its steps and its hooks passed.
 */
public final class NoFaultRun {

  // Three times ScenarioRun's short waits: a scenario that passes never waits them out, and a
  // machine busy with other builds must not turn a slow rollout into a false positive. The target
  // is the embedded one whatever the environment names.
  private static final Map<String, String> SETTINGS = Map.of("harness.timeout.rollout", "60",
      "harness.timeout.check", "30", "harness.timeout.route", "30", "harness.target", "embedded");
  private static final long LIMIT_MINUTES = 10;

  private final FutureTask<Byte> run;
  private final Thread thread;
  private final Path report;

  private NoFaultRun(FutureTask<Byte> run, Thread thread, Path report) {
    this.run = run;
    this.thread = thread;
    this.report = report;
  }

  public static NoFaultRun start(Path features, Path workDir) throws IOException {
    Files.createDirectories(workDir);
    Path report = workDir.resolve("no-fault-cucumber.json");
    Files.deleteIfExists(report);
    // Allure's adapter too: the scenarios' evidence has a test to be attached to, as in a run.
    String[] args = {"--glue", "io.glooupgrade.steps", "--plugin", "json:" + report, "--plugin",
        StepTimeline.class.getName(), "--plugin", "io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm", "--monochrome",
        "--tags", FaultMatrix.DEFAULT_RUN, features.toString()};
    ClassLoader classes = Thread.currentThread().getContextClassLoader();
    FutureTask<Byte> run = new FutureTask<>(() -> {
      try (HarnessRun own = HarnessRun.open()) {
        own.settings().putAll(SETTINGS);
        return Main.run(args, classes);
      }
    });
    Thread thread = new Thread(run, "fault-matrix-no-fault-run");
    thread.setDaemon(true); // a run that hangs must not keep the test JVM from ending
    thread.start();
    return new NoFaultRun(run, thread, report);
  }

  /** Waits for the run (at most ten minutes) and returns each scenario's outcome. */
  public List<NoFaultResult> await() throws Exception {
    byte exit;
    try {
      exit = run.get(LIMIT_MINUTES, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      stop();
      throw new IllegalStateException("the no-fault run did not end within " + LIMIT_MINUTES + " minutes", e);
    }
    if (!Files.exists(report)) {
      throw new IllegalStateException("the no-fault run wrote no report (Cucumber's exit status " + exit + ")");
    }
    return outcomes(new ObjectMapper().readTree(report.toFile()));
  }

  public void stop() {
    if (thread.isAlive()) {
      run.cancel(true);
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
