package io.glooupgrade.embedded.twin;

import io.glooupgrade.embedded.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How long a new gateway-proxy's Envoy takes to start before it can serve, even with its
 * configuration at hand. The default is a short real delay; self-tests use a gate they open
 * themselves, so an outage window is held open for as long as a test needs, not left to timing.
 */
public interface ProxyStartup {

  /** Completes when a proxy started now may serve. */
  CompletionStage<Void> warmUp();

  static ProxyStartup after(Duration delay) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("proxy-startup"));
    return () -> {
      CompletableFuture<Void> ready = new CompletableFuture<>();
      timer.schedule(() -> ready.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
      return ready;
    };
  }

  /** Proxies that start while the gate is closed wait until it opens. */
  final class Gate implements ProxyStartup {
    private volatile CompletableFuture<Void> open = new CompletableFuture<>();

    @Override
    public CompletionStage<Void> warmUp() {
      return open;
    }

    public void open() {
      open.complete(null);
    }

    public void close() {
      if (open.isDone()) {
        open = new CompletableFuture<>();
      }
    }
  }
}
