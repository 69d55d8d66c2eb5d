package io.glooupgrade.lifecycle;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Where each scenario's time goes, for the suite benchmark: Helm's calls, the harness's waits
 * (rollouts, statuses, routes), starting and stopping the embedded world, and the Kubernetes API
 * requests as the harness's clients time them; what is left of the wall time is the harness itself.
 * Helm, waits and the world are counted on the thread that runs the scenario; API requests are
 * counted by the scenario's own clients (they may overlap the others, e.g. a wait's polls).
 */
public final class RunTimings {

  /** What a stretch of a scenario's time is spent on. */
  public enum Part { HELM, WAITS, WORLD, API }

  /** One scenario's times, in nanoseconds. */
  public record ScenarioTimes(String id, String name, long wall, Map<Part, Long> parts) {

    /** The wall time the harness spends itself: not in Helm, a wait or the embedded world. */
    public long harness() {
      return Math.max(0, wall - parts.get(Part.HELM) - parts.get(Part.WAITS) - parts.get(Part.WORLD));
    }
  }

  private record Scenario(String id, String name, long started, Map<Part, LongAdder> parts) {
  }

  private final Map<String, Scenario> scenarios = new ConcurrentHashMap<>();
  private final Map<String, Long> ended = new ConcurrentHashMap<>();
  // The scenario each thread runs (Cucumber runs a scenario on one thread), so that deep calls count for it.
  private final ThreadLocal<Scenario> onThread = new ThreadLocal<>();

  /** A scenario starts on the calling thread. */
  public void scenarioStarted(String id, String name) {
    Map<Part, LongAdder> parts = new ConcurrentHashMap<>();
    for (Part part : Part.values()) {
      parts.put(part, new LongAdder());
    }
    Scenario scenario = new Scenario(id, name, System.nanoTime(), parts);
    scenarios.put(id, scenario);
    onThread.set(scenario);
  }

  /** The scenario of the calling thread ended. */
  public void scenarioEnded() {
    Scenario scenario = onThread.get();
    if (scenario != null) {
      ended.put(scenario.id(), System.nanoTime());
      onThread.remove();
    }
  }

  /** Runs a call, counting its time as {@code part} of the calling thread's scenario (if any). */
  public <T> T time(Part part, Supplier<T> call) {
    long start = System.nanoTime();
    try {
      return call.get();
    } finally {
      add(part, System.nanoTime() - start);
    }
  }

  /** Adds time to {@code part} of the calling thread's scenario (if any). */
  public void add(Part part, long nanos) {
    Scenario scenario = onThread.get();
    if (scenario != null) {
      scenario.parts().get(part).add(nanos);
    }
  }

  /** A counter of API time for the scenario on the calling thread, for its clients to add to from any thread. */
  public LongAdder apiCounter() {
    Scenario scenario = onThread.get();
    return scenario == null ? new LongAdder() : scenario.parts().get(Part.API);
  }

  /** Every scenario that ended, in the order they started. */
  public List<ScenarioTimes> ended() {
    return scenarios.values().stream().filter(s -> ended.containsKey(s.id()))
        .sorted(Comparator.comparingLong(Scenario::started))
        .map(s -> new ScenarioTimes(s.id(), s.name(), ended.get(s.id()) - s.started(), Map.of(
            Part.HELM, s.parts().get(Part.HELM).sum(), Part.WAITS, s.parts().get(Part.WAITS).sum(),
            Part.WORLD, s.parts().get(Part.WORLD).sum(), Part.API, s.parts().get(Part.API).sum())))
        .toList();
  }

  /** Seconds with millisecond precision, as the benchmark writes them. */
  public static double seconds(long nanos) {
    return Math.round(Duration.ofNanos(nanos).toMillis()) / 1000.0;
  }
}
