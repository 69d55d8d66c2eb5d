package io.glooupgrade.world;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.picocontainer.Disposable;

/**
 * What the parts of one scenario's world opened, closed once when the scenario ends: from its
 * After hook (so that what the closing attaches lands in the scenario's report) or, if the run is
 * interrupted, from the shutdown hook. Closings run in phases, whatever order the parts were created
 * in: the traffic stops, then the changes are undone, then the clusters are let go, and last the
 * run is told the scenario is over. PicoContainer's dispose is the safety net for a scenario whose
 * hooks did not run.
 */
public final class ScenarioEnd implements Disposable {

  /** When a closing runs, in this order. */
  public enum Phase { TRAFFIC, UNDO, CLUSTERS, OVER }

  private record Closing(Phase phase, int order, Runnable action) {
  }

  private final List<Closing> closings = new ArrayList<>();
  private boolean ended;

  /** Notes what to do when the scenario ends; within a phase, the latest noted runs first. */
  public synchronized void onEnd(Phase phase, Runnable action) {
    closings.add(new Closing(phase, -closings.size(), action));
  }

  /** Runs every closing once, each even when an earlier one fails; the first failure is thrown at the end. */
  public synchronized void end() {
    if (ended) {
      return;
    }
    ended = true;
    // An interrupted run interrupts this thread to stop the step; the closings themselves must still wait.
    Thread.interrupted();
    RuntimeException first = null;
    for (Closing closing : closings.stream().sorted(Comparator.comparing(Closing::phase)
        .thenComparingInt(Closing::order)).toList()) {
      try {
        closing.action().run();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public void dispose() {
    end();
  }
}
