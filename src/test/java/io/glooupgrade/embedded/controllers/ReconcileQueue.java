package io.glooupgrade.embedded.controllers;

import io.glooupgrade.embedded.DaemonThreads;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers' work queue: one thread, like a single-worker kube-controller-manager, so
 * reconciles never race each other. A key already waiting is not queued twice; a reconcile that
 * hits a write conflict is retried a bounded number of times.
 */
public final class ReconcileQueue implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReconcileQueue.class);
  private static final int MAX_ATTEMPTS = 5;

  private final ExecutorService worker;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  public ReconcileQueue(String threadName) {
    this.worker = Executors.newSingleThreadExecutor(DaemonThreads.named(threadName));
  }

  public void enqueue(String key, Runnable reconcile) {
    submit(key, reconcile, 1);
  }

  private void submit(String key, Runnable reconcile, int attempt) {
    if (worker.isShutdown() || !pending.add(key)) {
      return;
    }
    worker.execute(() -> {
      pending.remove(key);
      try {
        reconcile.run();
      } catch (KubernetesClientException e) {
        if (attempt < MAX_ATTEMPTS && !worker.isShutdown()) {
          LOG.debug("reconcile {} failed (attempt {}), retrying: {}", key, attempt, e.getMessage());
          submit(key, reconcile, attempt + 1);
        } else if (!worker.isShutdown()) {
          LOG.warn("reconcile {} gave up after {} attempts: {}", key, attempt, e.getMessage());
        }
      } catch (RuntimeException e) {
        if (!worker.isShutdown()) {
          LOG.warn("reconcile {} failed", key, e);
        }
      }
    });
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
