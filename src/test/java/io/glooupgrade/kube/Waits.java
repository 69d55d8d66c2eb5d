package io.glooupgrade.kube;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.lifecycle.RunTimings;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Bounded waits on a condition, polled every 25 ms (a state read from the API should cache its
 * reads, as GlooPods does); on timeout the failure names the wait, its timeout and the last state
 * observed.
 */
public final class Waits {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Waits.class);

  private Waits() {
  }

  public static <T> T until(String what, WaitTimeout timeout, Supplier<T> state, Predicate<T> done,
      Function<T, String> describe) {
    AtomicReference<T> last = new AtomicReference<>();
    Duration limit = timeout.duration();
    T now = state.get();
    if (done.test(now)) {
      return now;
    }
    // Said once, when there is something to wait for: a run that seems idle says what it waits on.
    LOG.info("Waiting up to {} s (timeout '{}') for {}", limit.toSeconds(), timeout.label(), what);
    long waitStarted = System.nanoTime();
    try {
      // Polled on the waiting thread, so that an interrupted run (RunInterruption) stops the wait.
      Awaitility.await(what).atMost(limit).pollInSameThread().pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(25))
          .until(() -> {
            if (Thread.currentThread().isInterrupted()) {
              throw new java.util.concurrent.CancellationException("interrupted while waiting for " + what);
            }
            T observed = state.get();
            last.set(observed);
            return done.test(observed);
          });
      return last.get();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Timed out after " + limit.toSeconds() + " s (timeout '" + timeout.label()
          + "') waiting for " + what + ". Last observed state:\n"
          + (last.get() == null ? "  none: no observation completed in time" : describe.apply(last.get())));
    } finally {
      HarnessRun.current().timings().add(RunTimings.Part.WAITS, System.nanoTime() - waitStarted);
    }
  }
}
