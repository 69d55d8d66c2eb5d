package io.glooupgrade.selftest.matrix;

import io.glooupgrade.lifecycle.ScenarioParallelism;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the fault matrix's rows side by side, as many at a time as the suite runs scenarios on the
 * embedded target (ScenarioParallelism: the cores, at most four; harness.parallelism overrides).
 * Each row runs in a harness run of its own on its own thread (ScenarioRun), with its faults and
 * settings, so rows share nothing; a row mostly waits for a check to give up on its fault, so
 * another row's work fills the time. Each row leaves the Allure evidence of its scenario, as a run
 * does: on a thread of its own it has no JUnit test to attach it to.
 */
public final class RowRunner {

  // Far above any row's own waits: a row that hangs fails the matrix instead of stopping it.
  private static final long ROW_LIMIT_MINUTES = 10;

  private final ExecutorService pool;
  private final Map<MatrixRow, Future<ScenarioRun.Outcome>> outcomes = new LinkedHashMap<>();

  private RowRunner(ExecutorService pool) {
    this.pool = pool;
  }

  /** Starts every row, in order, {@link ScenarioParallelism#parallelism()} at a time. */
  public static RowRunner start(List<MatrixRow> rows) {
    AtomicInteger threads = new AtomicInteger();
    RowRunner runner = new RowRunner(Executors.newFixedThreadPool(ScenarioParallelism.parallelism(), task -> {
      Thread thread = new Thread(task, "fault-matrix-row-" + threads.incrementAndGet());
      thread.setDaemon(true); // a row that hangs must not keep the test JVM from ending
      return thread;
    }));
    rows.forEach(row -> runner.outcomes.put(row, runner.pool.submit(() -> ScenarioRun.runOneRecordingEvidence(
        row.scenario().feature(), row.scenario().name(), row.tagExpression(), row.faults().get(), row.settings()))));
    return runner;
  }

  /** The row's outcome, once it has run; what the row's run threw, if it threw. */
  public ScenarioRun.Outcome outcome(MatrixRow row) throws Exception {
    try {
      return outcomes.get(row).get(ROW_LIMIT_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException failed) {
      throw failed.getCause() instanceof Exception cause ? cause : failed;
    } catch (TimeoutException hung) {
      throw new IllegalStateException(row.fault() + " x " + row.scenario().label() + " did not end within "
          + ROW_LIMIT_MINUTES + " minutes", hung);
    }
  }

  /** Stops the rows still running (the matrix was abandoned). */
  public void stop() {
    pool.shutdownNow();
  }
}
