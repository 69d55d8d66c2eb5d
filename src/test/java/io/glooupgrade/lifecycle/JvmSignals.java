package io.glooupgrade.lifecycle;

import io.glooupgrade.kube.WaitTimeout;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What of an interruption belongs to the JVM, not to a run: signals and shutdown hooks are the
 * process's, so they are installed once per JVM, on first use (class initialisation is the JVM's
 * own run-once guard: no flag is kept). The shutdown hook interrupts every open run
 * ({@link RunInterruption#onShutdown}); the keeper gives SIGINT and SIGTERM back to the JVM's exit
 * handlers every half second while no run has a Helm call in progress (Helm, Go code in this JVM,
 * takes them while it runs). Everything else of an interruption is the run's.
 */
final class JvmSignals {

  private static final Logger LOG = LoggerFactory.getLogger(JvmSignals.class);

  private JvmSignals() {
  }

  /** Installs the shutdown hook, the exit handlers and their keeper, once per JVM. */
  static void install() {
    Installed.EXIT_HANDLERS.size(); // touching the holder initialises it, once
  }

  /** Gives SIGINT and SIGTERM back to the JVM's exit handlers, unless a Helm call of some run may want them. */
  static void reclaimUnlessHelmRuns() {
    if (HarnessRun.openRuns().stream().noneMatch(run -> run.interruption().helmCallRunning())) {
      Installed.EXIT_HANDLERS.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
    }
  }

  /** Holder idiom: initialised on first use, once per JVM. */
  private static final class Installed {

    static final Map<String, SignalHandler> EXIT_HANDLERS = exitHandlers();

    static {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> HarnessRun.openRuns()
          .forEach(run -> run.interruption().onShutdown(WaitTimeout.INTERRUPT.duration())), "run-interruption"));
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread keeper = new Thread(r, "signal-keeper");
        keeper.setDaemon(true);
        return keeper;
      }).scheduleWithFixedDelay(JvmSignals::reclaimUnlessHelmRuns, 500, 500, TimeUnit.MILLISECONDS);
    }
  }

  // What the JVM's own handlers do (exit with 128 + the signal's number, running the shutdown
  // hooks), installed as handlers of our own: reading the JVM's handler would mean replacing it for
  // a moment, and a JVM never re-installs a handler over a signal that is ignored at that moment.
  private static Map<String, SignalHandler> exitHandlers() {
    Map<String, SignalHandler> handlers = new HashMap<>();
    for (String name : new String[] {"INT", "TERM"}) {
      SignalHandler exit = signal -> new Thread(() -> System.exit(128 + signal.getNumber()), "SIG" + name).start();
      try {
        Signal.handle(new Signal(name), exit);
        handlers.put(name, exit);
      } catch (IllegalArgumentException e) {
        LOG.warn("SIG{} is not available to the JVM here (-Xrs?): an interrupted run may not clean up", name);
      }
    }
    return Map.copyOf(handlers);
  }
}
