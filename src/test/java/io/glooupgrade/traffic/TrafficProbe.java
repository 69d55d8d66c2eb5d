package io.glooupgrade.traffic;

import io.glooupgrade.lifecycle.HarnessRun;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps requests flowing through the gateway while the steps of a scenario run, and records every
 * one (start, latency, status, error) in a {@link TrafficRecorder}: the harness's answer to a
 * zero-downtime test that sends 40 requests/s and only counts non-200 answers, between which a
 * short outage passes unseen.
 *
 * <p>A request fails when it gets no answer within the request timeout, an answer other than 200,
 * or a body without the expected text. Workers send back to back, or paced to a total rate. The
 * target can be moved (the canary's traffic shift). Closing stops every worker; a probe never
 * outlives its scenario.
 */
public final class TrafficProbe implements AutoCloseable {

  /** How hard and how patiently to probe. {@code requestsPerSecond} 0 means as fast as the workers go. */
  public record Options(int workers, int requestsPerSecond, Duration requestTimeout, int maxFailuresKept,
      Duration bucket) {

    /** For scenarios: a steady 200 requests/s, a request every 5 ms, leaving the cores to the upgrade. */
    public static Options forScenarios() {
      return new Options(2, 200, Duration.ofSeconds(2), 10_000, Duration.ofMillis(10));
    }
  }

  private final AtomicReference<URI> target;
  private final String expectedBody;
  private final Options options;
  private final HttpClient http;
  private final TrafficRecorder recorder;
  private final StepTimeline.Steps steps;
  private final long originNanos;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> workers = new ArrayList<>();
  private volatile long stopNanos;

  private TrafficProbe(URI target, String expectedBody, Options options, StepTimeline.Steps steps) {
    this.target = new AtomicReference<>(target);
    this.steps = steps;
    this.expectedBody = expectedBody;
    this.options = options;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(options.requestTimeout()).build();
    this.originNanos = System.nanoTime();
    this.recorder = new TrafficRecorder(originNanos, options.bucket().toNanos(), options.maxFailuresKept(), steps);
  }

  /**
   * Starts the workers against {@code url} (the gateway address and path), marking the steps of
   * the scenario running on this thread (outside Cucumber: those noted with
   * {@link StepTimeline#started}). Fails fast, naming the address and the last error, if the route
   * does not answer as expected within {@code warmUp}.
   */
  public static TrafficProbe start(URI url, String expectedBody, Options options, Duration warmUp) {
    return start(url, expectedBody, options, warmUp, HarnessRun.current().timelines().onThisThread());
  }

  /** The same, marking the steps of the given timeline. */
  public static TrafficProbe start(URI url, String expectedBody, Options options, Duration warmUp,
      StepTimeline.Steps steps) {
    TrafficProbe probe = new TrafficProbe(url, expectedBody, options, steps);
    probe.requireAnswer(warmUp);
    for (int i = 0; i < options.workers(); i++) {
      Thread worker = new Thread(() -> probe.work(), "traffic-probe-" + i);
      worker.setDaemon(true);
      probe.workers.add(worker);
      worker.start();
    }
    return probe;
  }

  /** Sends from now on to another address (a load balancer or DNS moved to the new gateway). */
  public void retarget(URI url) {
    target.set(url);
  }

  public URI target() {
    return target.get();
  }

  /** Stops the workers (waiting for their last requests) and returns what they saw. Idempotent. */
  public synchronized TrafficReport stop() {
    if (running.getAndSet(false)) {
      for (Thread worker : workers) {
        try {
          worker.join(options.requestTimeout().toMillis() * 2 + 1_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      stopNanos = System.nanoTime();
    }
    return recorder.report(target.get().toString(), stopNanos, steps.between(originNanos, stopNanos));
  }

  /** What the probe has seen so far, while it keeps running. */
  public TrafficReport snapshot() {
    long now = running.get() ? System.nanoTime() : stopNanos;
    return recorder.report(target.get().toString(), now, steps.between(originNanos, now));
  }

  @Override
  public void close() {
    stop();
  }

  private void requireAnswer(Duration warmUp) {
    long deadline = System.nanoTime() + warmUp.toNanos();
    String lastError;
    do {
      Result result = send();
      if (result.error() == null) {
        return;
      }
      lastError = result.error();
      // A refused or failing address answers at once: pause between tries instead of spinning.
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the gateway at " + target.get() + " did not answer as expected within "
        + warmUp.toMillis() + " ms; last error: " + lastError);
  }

  private void work() {
    long interval = options.requestsPerSecond() <= 0 ? 0
        : 1_000_000_000L * options.workers() / options.requestsPerSecond();
    long next = System.nanoTime();
    while (running.get()) {
      if (interval > 0) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        } else if (wait < -interval) {
          // Fell behind (a pause): carry on at the rate from now rather than send a burst to catch up.
          next = System.nanoTime();
        }
        next += interval;
      }
      long start = System.nanoTime();
      Result result = send();
      recorder.record(start, System.nanoTime(), result.status(), result.error());
    }
  }

  private record Result(int status, String error) {
  }

  private Result send() {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(target.get()).timeout(options.requestTimeout())
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        String body = response.body();
        return new Result(response.statusCode(), "HTTP " + response.statusCode()
            + (body.isBlank() ? "" : ": " + body.strip().lines().findFirst().orElse("")));
      }
      if (expectedBody != null && !response.body().contains(expectedBody)) {
        return new Result(200, "HTTP 200 without " + expectedBody);
      }
      return new Result(200, null);
    } catch (HttpTimeoutException e) {
      return new Result(0, "no answer within " + options.requestTimeout().toMillis() + " ms");
    } catch (ConnectException e) {
      return new Result(0, "connection refused");
    } catch (java.io.IOException e) {
      return new Result(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(0, "interrupted");
    }
  }
}
