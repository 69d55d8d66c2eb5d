package io.glooupgrade.traffic;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Takes every request's outcome as it completes and keeps, in bounded memory however long the
 * run: counts, a latency histogram (HdrHistogram), a timeline of fixed-width buckets (which widen
 * when there would be too many), the failed requests (the first {@code maxFailures}), and the
 * outage windows, found as results arrive.
 *
 * <p>An outage window opens at the start of a failed request and closes at the start of the first
 * successful request that began after the last failure; a late failure that began inside a closed
 * window reopens it. With several requests in flight, windows are exact to within one request.
 */
final class TrafficRecorder {

  private static final int MAX_BUCKETS = 20_000;
  private final long originNanos;
  private final int maxFailures;
  private final StepTimeline.Steps steps;
  private final Histogram latencyMicros = new Histogram(60_000_000L, 3);
  private final List<TrafficReport.FailedRequest> failures = new ArrayList<>();
  private final List<OutageWindow> closed = new ArrayList<>();
  private long bucketNanos;
  private long[] ok = new long[1024];
  private long[] failed = new long[1024];
  private long[] maxLatencyMicros = new long[1024];
  private int buckets;
  private long sent;
  private long failedCount;
  private long failuresNotKept;
  private Open open;

  /** An outage window still open. */
  private static final class Open {
    long startNanos;
    long lastFailureStartNanos;
    long lastFailureEndNanos;
    long lost;
    String firstError;
    String step;
  }

  TrafficRecorder(long originNanos, long bucketNanos, int maxFailures, StepTimeline.Steps steps) {
    this.originNanos = originNanos;
    this.steps = steps;
    this.bucketNanos = bucketNanos;
    this.maxFailures = maxFailures;
  }

  synchronized void record(long startNanos, long endNanos, int status, String error) {
    sent++;
    long latency = Math.max(0, endNanos - startNanos);
    latencyMicros.recordValue(Math.min(latency / 1_000, latencyMicros.getHighestTrackableValue()));
    int bucket = bucketOf(startNanos);
    boolean success = error == null;
    if (success) {
      ok[bucket]++;
      closeIfRecovered(startNanos);
    } else {
      failed[bucket]++;
      failedCount++;
      if (failures.size() < maxFailures) {
        failures.add(new TrafficReport.FailedRequest(ms(startNanos), latency / 1e6, status, error));
      } else {
        failuresNotKept++;
      }
      openOrExtend(startNanos, endNanos, error);
    }
    maxLatencyMicros[bucket] = Math.max(maxLatencyMicros[bucket], latency / 1_000);
  }

  private void closeIfRecovered(long startNanos) {
    if (open != null && startNanos > open.lastFailureStartNanos) {
      closed.add(new OutageWindow(ms(open.startNanos), ms(startNanos), open.lost, open.firstError, open.step));
      open = null;
    }
  }

  private void openOrExtend(long startNanos, long endNanos, String error) {
    if (open == null && !closed.isEmpty() && ms(startNanos) < closed.get(closed.size() - 1).endMs()) {
      OutageWindow last = closed.remove(closed.size() - 1);
      open = new Open();
      open.startNanos = originNanos + (long) (last.startMs() * 1e6);
      open.lastFailureStartNanos = startNanos;
      open.lost = last.requestsLost();
      open.firstError = last.firstError();
      open.step = last.step();
    }
    if (open == null) {
      open = new Open();
      open.startNanos = startNanos;
      open.firstError = error;
      open.step = steps.stepAt(startNanos);
    }
    open.startNanos = Math.min(open.startNanos, startNanos);
    open.lastFailureStartNanos = Math.max(open.lastFailureStartNanos, startNanos);
    open.lastFailureEndNanos = Math.max(open.lastFailureEndNanos, endNanos);
    open.lost++;
  }

  private int bucketOf(long startNanos) {
    int index = (int) (Math.max(0, startNanos - originNanos) / bucketNanos);
    while (index >= MAX_BUCKETS) {
      halveResolution();
      index = (int) (Math.max(0, startNanos - originNanos) / bucketNanos);
    }
    if (index >= ok.length) {
      int size = Math.min(MAX_BUCKETS, Math.max(index + 1, ok.length * 2));
      ok = java.util.Arrays.copyOf(ok, size);
      failed = java.util.Arrays.copyOf(failed, size);
      maxLatencyMicros = java.util.Arrays.copyOf(maxLatencyMicros, size);
    }
    buckets = Math.max(buckets, index + 1);
    return index;
  }

  // A long run: two neighbouring buckets become one, so the timeline never outgrows MAX_BUCKETS.
  private void halveResolution() {
    for (int i = 0; i < (buckets + 1) / 2; i++) {
      int a = 2 * i;
      int b = Math.min(2 * i + 1, ok.length - 1);
      long o = ok[a] + (b != a ? ok[b] : 0);
      long f = failed[a] + (b != a ? failed[b] : 0);
      long m = Math.max(maxLatencyMicros[a], maxLatencyMicros[b]);
      ok[i] = o;
      failed[i] = f;
      maxLatencyMicros[i] = m;
    }
    for (int i = (buckets + 1) / 2; i < ok.length; i++) {
      ok[i] = 0;
      failed[i] = 0;
      maxLatencyMicros[i] = 0;
    }
    buckets = (buckets + 1) / 2;
    bucketNanos *= 2;
  }

  /** Everything recorded, with the outage still open (if any) closed at its last failure's end. */
  synchronized TrafficReport report(String target, long stopNanos, List<StepTimeline.StepStart> steps) {
    List<OutageWindow> windows = new ArrayList<>(closed);
    if (open != null) {
      windows.add(new OutageWindow(ms(open.startNanos), ms(Math.max(open.lastFailureEndNanos, open.startNanos)),
          open.lost, open.firstError, open.step));
    }
    List<TrafficReport.Bucket> timeline = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      timeline.add(new TrafficReport.Bucket(i * bucketNanos / 1e6, ok[i], failed[i], maxLatencyMicros[i] / 1e3));
    }
    List<TrafficReport.StepMark> marks = steps.stream()
        .map(s -> new TrafficReport.StepMark(ms(s.nanoTime()), s.step())).toList();
    return new TrafficReport(target, ms(stopNanos), sent, failedCount,
        latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(50) / 1e3,
        latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(99) / 1e3,
        latencyMicros.getMaxValue() / 1e3, windows, List.copyOf(failures), failuresNotKept, bucketNanos / 1e6,
        timeline, marks);
  }

  private double ms(long nanos) {
    return (nanos - originNanos) / 1e6;
  }
}
