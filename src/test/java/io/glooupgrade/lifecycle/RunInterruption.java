package io.glooupgrade.lifecycle;

import io.glooupgrade.kube.WaitTimeout;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a run is stopped from outside (Ctrl-C, or a CI job's timeout sending
 * SIGTERM): the running scenario is interrupted, fails, and undoes what it created through its
 * normal cleanup; the scenarios left over are skipped; the report and compliance records are
 * written, marked incomplete. The JVM's shutdown hook waits for that; if it does not happen within
 * the grace period (a step stuck in a call that ignores interruption), the hook runs the cleanups
 * and the incomplete report itself. A SIGKILL cannot be caught: nothing runs then.
 *
 * <p>Helm runs as Go code inside this JVM and, like the helm command, takes SIGINT and SIGTERM for
 * itself while an install or upgrade runs: the signal then cancels that Helm call and never reaches
 * the JVM. So the signals are given back to the JVM's exit handlers after every Helm call and, in
 * case Go kept them, every half second while no Helm call runs; a Helm call cancelled by one
 * interrupts the run the same way ({@link #takenByHelm}). A signal Helm takes in the last moment of
 * a call that then succeeds is lost: press Ctrl-C again.
 *
 * <p>One per run ({@link HarnessRun#interruption()}): the scenarios running, whether and why the
 * run was interrupted, and how its report gets written. The signals and the shutdown hook are the
 * JVM's ({@link JvmSignals}), installed once; the hook interrupts every open run.
 */
public final class RunInterruption {

  private static final Logger LOG = LoggerFactory.getLogger(RunInterruption.class);

  /** A scenario in progress: the thread running its steps and how to undo its changes from another thread. */
  private record Running(String name, Thread thread, Runnable cleanup) {
  }

  private final Set<Running> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private final AtomicInteger helmCalls = new AtomicInteger();
  private volatile CountDownLatch reportWritten = new CountDownLatch(1);
  private volatile Runnable incompleteReport;
  private volatile String reason;

  /**
   * Notes a scenario in progress on the calling thread; {@code cleanup} undoes what it created (it
   * must be safe to run twice, and from another thread). Run the returned action when the scenario
   * has cleaned up after itself.
   */
  public Runnable scenarioStarted(String name, Runnable cleanup) {
    JvmSignals.install();
    Running scenario = new Running(name, Thread.currentThread(), cleanup);
    running.add(scenario);
    return () -> running.remove(scenario);
  }

  /** Notes how to write the report of a run that is cut short, should the scenarios not end in time. */
  public void reportWith(Runnable writeIncompleteReport) {
    JvmSignals.install();
    reportWritten = new CountDownLatch(1);
    incompleteReport = writeIncompleteReport;
  }

  /** Says the run's report is written: the shutdown hook need not write it. */
  public void reportWritten() {
    incompleteReport = null;
    reportWritten.countDown();
  }

  /** Whether the run was interrupted; a scenario that has not started yet must not start. */
  public boolean interrupted() {
    return interrupted.get();
  }

  /** Why and when the run was interrupted, for the report; null if it was not. */
  public String reason() {
    return reason;
  }

  /** Skips (does not fail) a scenario that would start after the run was interrupted: it changes nothing. */
  public void requireNotInterrupted() {
    if (interrupted()) {
      throw new TestAbortedException(reason + "; this scenario was not started, nothing was changed");
    }
  }

  /** Notes a Helm call starting: while it runs, Helm may keep the signals to cancel it. */
  public void helmCallStarted() {
    helmCalls.incrementAndGet();
  }

  /** Notes a Helm call ending, and gives SIGINT and SIGTERM back to the JVM if no other Helm call runs. */
  public void helmCallEnded() {
    if (helmCalls.decrementAndGet() == 0) {
      JvmSignals.reclaimUnlessHelmRuns();
    }
  }

  boolean helmCallRunning() {
    return helmCalls.get() > 0;
  }

  /**
   * A Helm call ended with "context canceled": Helm took a SIGINT or SIGTERM meant for the run.
   * Interrupts the run; returns the reason, for the failing step's message.
   */
  public String takenByHelm(String command) {
    interrupt("SIGINT or SIGTERM, taken by Helm during " + command);
    return reason;
  }

  /**
   * The target stopped answering during a scenario: every scenario left would fail the same way.
   * Interrupts the run as a signal does (the scenarios left are skipped, the record is marked
   * incomplete with {@code why}); the scenario that found it cleans up after itself as usual.
   */
  public void targetLost(String why) {
    interrupt(why);
  }

  private boolean interrupt(String why) {
    if (!interrupted.compareAndSet(false, true)) {
      return false;
    }
    reason = "the run was interrupted (" + why + ") at " + Instant.now();
    LOG.warn("{}: undoing what the running scenario created, skipping the scenarios left, then writing the "
        + "report marked incomplete (allowing up to {} s)", reason, WaitTimeout.INTERRUPT.duration().toSeconds());
    running.stream().filter(r -> r.thread() != Thread.currentThread()).forEach(r -> r.thread().interrupt());
    return true;
  }

  // From the JVM's shutdown hook: runs on Ctrl-C, SIGTERM, and on every exit of the JVM. An
  // interruption Helm took first is wrapping up already: the hook then only waits for it.
  void onShutdown(Duration grace) {
    if (incompleteReport == null && running.isEmpty()) {
      return; // the run had ended, or never started
    }
    interrupt("Ctrl-C, SIGTERM or the JVM exiting");
    try {
      if (reportWritten.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.warn("the run did not wrap up within {} s: cleaning up and reporting from the shutdown hook", grace.toSeconds());
    for (Running scenario : running) {
      try {
        scenario.cleanup().run();
      } catch (RuntimeException e) {
        LOG.error("cleanup of interrupted scenario '{}' failed: check the cluster by hand", scenario.name(), e);
      }
    }
    Runnable report = incompleteReport;
    if (report != null) {
      report.run();
    }
  }
}
