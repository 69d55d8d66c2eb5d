package io.glooupgrade.lifecycle;

import io.glooupgrade.kube.WaitTimeout;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

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
 */
public final class RunInterruption {

  private static final Logger LOG = LoggerFactory.getLogger(RunInterruption.class);

  /** A scenario in progress: the thread running its steps and how to undo its changes from another thread. */
  private record Running(String name, Thread thread, Runnable cleanup) {
  }

  private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean INTERRUPTED = new AtomicBoolean();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();
  private static final Map<String, SignalHandler> EXIT_HANDLERS = exitHandlers();
  private static final AtomicInteger HELM_CALLS = new AtomicInteger();
  private static volatile CountDownLatch reportWritten = new CountDownLatch(1);
  private static volatile Runnable incompleteReport;
  private static volatile String reason;

  private RunInterruption() {
  }

  /**
   * Notes a scenario in progress on the calling thread; {@code cleanup} undoes what it created (it
   * must be safe to run twice, and from another thread). Run the returned action when the scenario
   * has cleaned up after itself.
   */
  public static Runnable scenarioStarted(String name, Runnable cleanup) {
    hookOnce();
    Running running = new Running(name, Thread.currentThread(), cleanup);
    RUNNING.add(running);
    return () -> RUNNING.remove(running);
  }

  /** Notes how to write the report of a run that is cut short, should the scenarios not end in time. */
  public static void reportWith(Runnable writeIncompleteReport) {
    hookOnce();
    reportWritten = new CountDownLatch(1);
    incompleteReport = writeIncompleteReport;
  }

  /** Says the run's report is written: the shutdown hook need not write it. */
  public static void reportWritten() {
    incompleteReport = null;
    reportWritten.countDown();
  }

  /** Whether the run was interrupted; a scenario that has not started yet must not start. */
  public static boolean interrupted() {
    return INTERRUPTED.get();
  }

  /** Why and when the run was interrupted, for the report; null if it was not. */
  public static String reason() {
    return reason;
  }

  /** Skips (does not fail) a scenario that would start after the run was interrupted: it changes nothing. */
  public static void requireNotInterrupted() {
    if (interrupted()) {
      throw new TestAbortedException(reason + "; this scenario was not started, nothing was changed");
    }
  }

  /** Notes a Helm call starting: while it runs, Helm may keep the signals to cancel it. */
  public static void helmCallStarted() {
    HELM_CALLS.incrementAndGet();
  }

  /** Notes a Helm call ending, and gives SIGINT and SIGTERM back to the JVM. */
  public static void helmCallEnded() {
    if (HELM_CALLS.decrementAndGet() == 0) {
      reclaimSignals();
    }
  }

  private static void reclaimSignals() {
    EXIT_HANDLERS.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
  }

  /**
   * A Helm call ended with "context canceled": Helm took a SIGINT or SIGTERM meant for the run.
   * Interrupts the run; returns the reason, for the failing step's message.
   */
  public static String takenByHelm(String command) {
    interrupt("SIGINT or SIGTERM, taken by Helm during " + command);
    return reason;
  }

  /**
   * The target stopped answering during a scenario: every scenario left would fail the same way.
   * Interrupts the run as a signal does (the scenarios left are skipped, the record is marked
   * incomplete with {@code why}); the scenario that found it cleans up after itself as usual.
   */
  public static void targetLost(String why) {
    interrupt(why);
  }

  private static boolean interrupt(String why) {
    if (!INTERRUPTED.compareAndSet(false, true)) {
      return false;
    }
    reason = "the run was interrupted (" + why + ") at " + Instant.now();
    LOG.warn("{}: undoing what the running scenario created, skipping the scenarios left, then writing the "
        + "report marked incomplete (allowing up to {} s)", reason, WaitTimeout.INTERRUPT.duration().toSeconds());
    RUNNING.stream().filter(r -> r.thread() != Thread.currentThread()).forEach(r -> r.thread().interrupt());
    return true;
  }

  // The shutdown hook: runs on Ctrl-C, SIGTERM, and on every exit of the JVM. An interruption
  // Helm took first is wrapping up already: the hook then only waits for it.
  private static void onShutdown(Duration grace) {
    if (incompleteReport == null && RUNNING.isEmpty()) {
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
    for (Running running : RUNNING) {
      try {
        running.cleanup().run();
      } catch (RuntimeException e) {
        LOG.error("cleanup of interrupted scenario '{}' failed: check the cluster by hand", running.name(), e);
      }
    }
    Runnable report = incompleteReport;
    if (report != null) {
      report.run();
    }
  }

  private static void hookOnce() {
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> onShutdown(WaitTimeout.INTERRUPT.duration()),
          "run-interruption"));
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread keeper = new Thread(r, "signal-keeper");
        keeper.setDaemon(true);
        return keeper;
      }).scheduleWithFixedDelay(() -> {
        if (HELM_CALLS.get() == 0) {
          reclaimSignals();
        }
      }, 500, 500, TimeUnit.MILLISECONDS);
    }
  }

  // What the JVM's own handlers do (exit with 128 + the signal's number, running the shutdown
  // hooks), installed as handlers of our own: reading the JVM's handler would mean replacing it for
  // a moment, and a JVM never re-installs a handler over a signal that is ignored at that moment.
  private static Map<String, SignalHandler> exitHandlers() {
    Map<String, SignalHandler> handlers = new ConcurrentHashMap<>();
    for (String name : new String[] {"INT", "TERM"}) {
      SignalHandler exit = signal -> new Thread(() -> System.exit(128 + signal.getNumber()), "SIG" + name).start();
      try {
        Signal.handle(new Signal(name), exit);
        handlers.put(name, exit);
      } catch (IllegalArgumentException e) {
        LOG.warn("SIG{} is not available to the JVM here (-Xrs?): an interrupted run may not clean up", name);
      }
    }
    return handlers;
  }
}
