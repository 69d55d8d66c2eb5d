package io.glooupgrade.traffic;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.TestStepStarted;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A Cucumber plugin that notes when each Gherkin step starts, so that the traffic probe can say
 * which documented step was running when requests failed, and mark the steps on its plot. It keeps
 * the last few thousand steps only; a probe copies the ones of its own run.
 */
public final class StepTimeline implements ConcurrentEventListener {

  /** A step that started at {@code nanoTime} ({@link System#nanoTime()}). */
  public record StepStart(long nanoTime, String step) {
  }

  private static final int KEPT = 5_000;
  private static final Deque<StepStart> STARTS = new ArrayDeque<>();

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestStepStarted.class, event -> {
      if (event.getTestStep() instanceof PickleStepTestStep step) {
        started(step.getStep().getKeyword() + step.getStep().getText());
      }
    });
  }

  /** Notes a step's start (also for runs outside Cucumber, such as the benchmark). */
  public static void started(String step) {
    synchronized (STARTS) {
      STARTS.addLast(new StepStart(System.nanoTime(), step));
      if (STARTS.size() > KEPT) {
        STARTS.removeFirst();
      }
    }
  }

  /** The step running at {@code nanoTime}, or "" if none is known. */
  public static String stepAt(long nanoTime) {
    synchronized (STARTS) {
      String running = "";
      for (StepStart s : STARTS) {
        if (s.nanoTime() > nanoTime) {
          break;
        }
        running = s.step();
      }
      return running;
    }
  }

  /** The steps that started between two instants. */
  public static List<StepStart> between(long fromNanos, long toNanos) {
    synchronized (STARTS) {
      return STARTS.stream().filter(s -> s.nanoTime() >= fromNanos && s.nanoTime() <= toNanos).toList();
    }
  }
}
