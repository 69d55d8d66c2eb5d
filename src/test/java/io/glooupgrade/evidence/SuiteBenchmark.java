package io.glooupgrade.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.lifecycle.RunTimings;
import io.glooupgrade.lifecycle.RunTimings.Part;
import io.glooupgrade.lifecycle.ScenarioParallelism;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite benchmark: when the run is asked for one ({@code -Dharness.benchmark.file=FILE}), where
 * its time went, per scenario and in total (wall time; Helm, waits, the embedded world, the API
 * requests; the harness itself), and the ratio of the harness's own time to the bare Helm and API
 * operations it performs. A benchmark is a run that writes this, not a test that times itself.
 */
public final class SuiteBenchmark implements ConcurrentEventListener {

  private static final String FILE = "harness.benchmark.file";

  private volatile Instant started = Instant.now();
  private volatile HarnessRun run;

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestRunStarted.class, e -> {
      started = e.getInstant();
      run = HarnessRun.current();
    });
    publisher.registerHandlerFor(TestRunFinished.class, e -> {
      String file = System.getProperty(FILE, "");
      if (!file.isBlank()) {
        write(Path.of(file), Duration.between(started, e.getInstant()));
      }
    });
  }

  private void write(Path file, Duration wall) {
    List<RunTimings.ScenarioTimes> scenarios = run.timings().ended();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("measured", started.toString());
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("parallelism", ScenarioParallelism.parallelism());
    json.put("scenarios", scenarios.size());
    long helm = sum(scenarios, Part.HELM);
    long api = sum(scenarios, Part.API);
    long harness = scenarios.stream().mapToLong(RunTimings.ScenarioTimes::harness).sum();
    Map<String, Object> total = new LinkedHashMap<>();
    total.put("wallSeconds", RunTimings.seconds(wall.toNanos()));
    total.put("scenarioWallSecondsSum", RunTimings.seconds(scenarios.stream().mapToLong(
        RunTimings.ScenarioTimes::wall).sum()));
    total.put("helmSeconds", RunTimings.seconds(helm));
    total.put("waitSeconds", RunTimings.seconds(sum(scenarios, Part.WAITS)));
    total.put("embeddedWorldSeconds", RunTimings.seconds(sum(scenarios, Part.WORLD)));
    total.put("apiRequestSeconds", RunTimings.seconds(api));
    total.put("harnessSeconds", RunTimings.seconds(harness));
    json.put("total", total);
    json.put("harnessToHelmAndApi", helm + api == 0 ? null : Math.round(100.0 * harness / (helm + api)) / 100.0);
    json.put("perScenario", scenarios.stream().map(SuiteBenchmark::scenario).toList());
    json.put("notes", List.of("helm, waits and embeddedWorld are counted on the thread that runs the scenario; "
        + "harness is the scenario's wall time without them", "apiRequest is the time from each Kubernetes API "
        + "request sent to its answer's headers, as the scenario's clients measure it; it overlaps the waits, "
        + "whose polls are API requests, and requests made at the same time add up"));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
      System.out.println("Suite benchmark: " + file.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the suite benchmark " + file, e);
    }
  }

  private static Map<String, Object> scenario(RunTimings.ScenarioTimes s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", s.name());
    json.put("wallSeconds", RunTimings.seconds(s.wall()));
    json.put("helmSeconds", RunTimings.seconds(s.parts().get(Part.HELM)));
    json.put("waitSeconds", RunTimings.seconds(s.parts().get(Part.WAITS)));
    json.put("embeddedWorldSeconds", RunTimings.seconds(s.parts().get(Part.WORLD)));
    json.put("apiRequestSeconds", RunTimings.seconds(s.parts().get(Part.API)));
    json.put("harnessSeconds", RunTimings.seconds(s.harness()));
    return json;
  }

  private static long sum(List<RunTimings.ScenarioTimes> scenarios, Part part) {
    return scenarios.stream().mapToLong(s -> s.parts().get(part)).sum();
  }
}
