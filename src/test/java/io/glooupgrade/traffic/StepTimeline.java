package io.glooupgrade.traffic;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestStepStarted;
import io.glooupgrade.lifecycle.HarnessRun;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Cucumber plugin that notes when each Gherkin step starts, per scenario, so that the traffic
 * probe can say which documented step was running when requests failed, and mark the steps on its
 * plot. Each scenario has its own timeline (so scenarios running side by side keep theirs apart),
 * held by the run ({@link HarnessRun#timelines()}); a probe is given its scenario's.
 */
public final class StepTimeline implements ConcurrentEventListener {

  /** A step that started at {@code nanoTime} ({@link System#nanoTime()}). */
  public record StepStart(long nanoTime, String step) {
  }

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    // Cucumber sends a scenario's events on the thread that runs it.
    publisher.registerHandlerFor(TestCaseStarted.class, event -> HarnessRun.current().timelines()
        .scenarioStarted(event.getTestCase().getId().toString()));
    publisher.registerHandlerFor(TestStepStarted.class, event -> {
      if (event.getTestStep() instanceof PickleStepTestStep step) {
        HarnessRun.current().timelines().of(event.getTestCase().getId().toString())
            .started(step.getStep().getKeyword() + step.getStep().getText());
      }
    });
    publisher.registerHandlerFor(TestCaseFinished.class, event -> HarnessRun.current().timelines().scenarioEnded());
  }

  /**
   * Notes a step's start on the timeline of the scenario running on this thread, or outside
   * Cucumber (the benchmark, a self-test) on the run's own.
   */
  public static void started(String step) {
    HarnessRun.current().timelines().onThisThread().started(step);
  }

  /** One scenario's steps: the last few thousand only. */
  public static final class Steps {

    private static final int KEPT = 5_000;
    private final Deque<StepStart> starts = new ArrayDeque<>();

    /** Notes a step's start now. */
    public synchronized void started(String step) {
      starts.addLast(new StepStart(System.nanoTime(), step));
      if (starts.size() > KEPT) {
        starts.removeFirst();
      }
    }

    /** The step running at {@code nanoTime}, or "" if none is known. */
    public synchronized String stepAt(long nanoTime) {
      String running = "";
      for (StepStart s : starts) {
        if (s.nanoTime() > nanoTime) {
          break;
        }
        running = s.step();
      }
      return running;
    }

    /** The steps that started between two instants. */
    public synchronized List<StepStart> between(long fromNanos, long toNanos) {
      return starts.stream().filter(s -> s.nanoTime() >= fromNanos && s.nanoTime() <= toNanos).toList();
    }
  }

  /**
   * A run's timelines: one per scenario, keyed by Cucumber's test case id (the glue's
   * {@code scenario.getId()}), and one for steps noted outside any scenario. Which scenario runs
   * on which thread is noted too, as a probe started by a step learns its scenario from its thread.
   */
  public static final class Timelines {

    private final Map<String, Steps> byScenario = new ConcurrentHashMap<>();
    private final Map<Thread, String> scenarioOnThread = new ConcurrentHashMap<>();
    private final Steps outsideScenarios = new Steps();

    /** The timeline of the scenario with this test case id. */
    public Steps of(String scenarioId) {
      return byScenario.computeIfAbsent(scenarioId, id -> new Steps());
    }

    /** The timeline of the scenario running on this thread; outside Cucumber, the run's own. */
    public Steps onThisThread() {
      String scenario = scenarioOnThread.get(Thread.currentThread());
      return scenario == null ? outsideScenarios : of(scenario);
    }

    void scenarioStarted(String scenarioId) {
      scenarioOnThread.put(Thread.currentThread(), scenarioId);
      of(scenarioId);
    }

    void scenarioEnded() {
      scenarioOnThread.remove(Thread.currentThread());
    }
  }
}
