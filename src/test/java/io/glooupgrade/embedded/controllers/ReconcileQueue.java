package io.glooupgrade.embedded.controllers;

import io.glooupgrade.embedded.DaemonThreads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers' work queue: one thread, like a single-worker kube-controller-manager, so
 * reconciles never race each other. A key already waiting is not queued twice; a reconcile that
 * fails (a write conflict, an API call that timed out on a busy machine) is requeued with a
 * growing delay, as controller-runtime does, for as long as the cluster runs: a controller that
 * gave up would leave the cluster half-reconciled for good.
 */
public final class ReconcileQueue implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReconcileQueue.class);
  private static final int WARN_AFTER_ATTEMPTS = 5;
  private static final long MAX_DELAY_MILLIS = 1_000;

  private final ScheduledExecutorService worker;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  public ReconcileQueue(String threadName) {
    this.worker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(threadName));
  }

  public void enqueue(String key, Runnable reconcile) {
    submit(key, reconcile, 1);
  }

  /** Enqueues the reconcile after a delay (a Job's back-off), unless the queue is closed by then. */
  public void enqueueAfter(String key, long delayMillis, Runnable reconcile) {
    try {
      worker.schedule(() -> enqueue(key, reconcile), delayMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // closing: nothing is reconciled any more
    }
  }

  private void submit(String key, Runnable reconcile, int attempt) {
    if (worker.isShutdown() || !pending.add(key)) {
      return;
    }
    Runnable run = () -> {
      pending.remove(key);
      try {
        reconcile.run();
      } catch (RuntimeException e) {
        if (worker.isShutdown()) {
          return;
        }
        if (attempt == WARN_AFTER_ATTEMPTS) {
          LOG.warn("reconcile {} failed {} times, still retrying: {}", key, attempt, e.toString());
        } else {
          LOG.debug("reconcile {} failed (attempt {}), retrying: {}", key, attempt, e.toString());
        }
        submit(key, reconcile, attempt + 1);
      }
    };
    try {
      if (attempt == 1) {
        worker.execute(run);
      } else {
        worker.schedule(run, Math.min(MAX_DELAY_MILLIS, 10L << Math.min(attempt, 10)), TimeUnit.MILLISECONDS);
      }
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      pending.remove(key);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
