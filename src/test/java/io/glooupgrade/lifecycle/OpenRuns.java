package io.glooupgrade.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The runs open in this JVM, innermost first, and each thread's own: the run a thread opened, or
 * the one the thread that started it had (an inheritable thread-local), so that a scenario's own
 * threads (the traffic probe's, the embedded world's) stay in its run.
 */
final class OpenRuns {

  private final Deque<HarnessRun> open = new ArrayDeque<>();
  private final InheritableThreadLocal<HarnessRun> ofThread = new InheritableThreadLocal<>();

  /** Opens a run made from this thread's current one, and makes it this thread's. */
  HarnessRun open(Function<HarnessRun, HarnessRun> make) {
    HarnessRun run;
    synchronized (open) {
      run = make.apply(ofThread.get());
      open.push(run);
    }
    ofThread.set(run);
    return run;
  }

  /**
   * This thread's innermost run still open (following each run to the one it was opened in), else
   * the JVM's innermost, opening one when none is.
   */
  HarnessRun current(Function<HarnessRun, HarnessRun> make, UnaryOperator<HarnessRun> enclosing) {
    synchronized (open) {
      for (HarnessRun run = ofThread.get(); run != null; run = enclosing.apply(run)) {
        if (open.contains(run)) {
          return run;
        }
      }
      if (open.isEmpty()) {
        open.push(make.apply(null));
      }
      return open.peek();
    }
  }

  List<HarnessRun> all() {
    synchronized (open) {
      return List.copyOf(open);
    }
  }

  /** Closes the run; on the thread that opened it, the run it was opened in is this thread's again. */
  void close(HarnessRun run, HarnessRun enclosing) {
    synchronized (open) {
      open.remove(run);
    }
    if (ofThread.get() == run) {
      ofThread.set(enclosing);
    }
  }
}
