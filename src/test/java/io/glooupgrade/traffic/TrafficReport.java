package io.glooupgrade.traffic;

import java.util.List;

/**
 * What the traffic probe saw during one run, in milliseconds since it started: requests sent and
 * failed, latency percentiles, every outage window, the failed requests it kept, the timeline in
 * buckets, and the Gherkin steps that ran. Serialised as the JSON attached to the step.
 */
public record TrafficReport(String target, double durationMs, long requestsSent, long requestsFailed,
    double latencyP50Ms, double latencyP99Ms, double latencyMaxMs, List<OutageWindow> outages,
    List<FailedRequest> failedRequests, long failedRequestsNotKept, double bucketMs,
    List<Bucket> timeline, List<StepMark> steps) {

  /** One failed request: when it started, how long it took, the status (0 if none) and what went wrong. */
  public record FailedRequest(double startMs, double latencyMs, int status, String error) {
  }

  /** Requests started in one bucket of the timeline. */
  public record Bucket(double startMs, long succeeded, long failed, double maxLatencyMs) {
  }

  /** A Gherkin step that started during the run. */
  public record StepMark(double atMs, String step) {
  }

  public double successRatio() {
    return requestsSent == 0 ? 0 : (double) (requestsSent - requestsFailed) / requestsSent;
  }

  public double requestsPerSecond() {
    return durationMs <= 0 ? 0 : requestsSent * 1000.0 / durationMs;
  }

  public double longestOutageMs() {
    return outages.stream().mapToDouble(OutageWindow::lengthMs).max().orElse(0);
  }

  /** Plain-text summary for failure messages and the console. */
  public String summary() {
    StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT,
        "traffic to %s: %d requests in %.0f ms (%.0f/s), %d failed (success ratio %.5f), latency p50 %.2f ms, "
            + "p99 %.2f ms, max %.2f ms, %d outage window(s)", target, requestsSent, durationMs, requestsPerSecond(),
        requestsFailed, successRatio(), latencyP50Ms, latencyP99Ms, latencyMaxMs, outages.size()));
    for (OutageWindow o : outages) {
      text.append(String.format(java.util.Locale.ROOT, "%n  outage %.1f-%.1f ms (%.1f ms), %d requests lost, "
          + "during \"%s\": %s", o.startMs(), o.endMs(), o.lengthMs(), o.requestsLost(), o.step(), o.firstError()));
    }
    return text.toString();
  }
}
