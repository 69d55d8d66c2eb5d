package io.glooupgrade.traffic;

import java.util.Locale;

/** The assertions on a traffic report, failing with the report's summary (every outage, its step, its error). */
public final class TrafficVerdicts {

  private TrafficVerdicts() {
  }

  public static void noRequestFailed(TrafficReport report) {
    requireTraffic(report);
    if (report.requestsFailed() > 0) {
      throw new AssertionError(report.requestsFailed() + " of " + report.requestsSent()
          + " requests failed during the upgrade:\n" + report.summary());
    }
  }

  public static void latencyP99Under(TrafficReport report, long maxMs) {
    requireTraffic(report);
    if (report.latencyP99Ms() >= maxMs) {
      throw new AssertionError(String.format(Locale.ROOT, "latency p99 was %.2f ms, not under %d ms:%n%s",
          report.latencyP99Ms(), maxMs, report.summary()));
    }
  }

  /** The documented risk made visible: requests were lost while the proxies restarted. */
  public static void outageSeen(TrafficReport report) {
    requireTraffic(report);
    if (report.outages().isEmpty()) {
      throw new AssertionError("no request failed, although the proxies restarted without readiness probes; "
          + "the probe did not see the outage the guide warns about:\n" + report.summary());
    }
  }

  // A probe that sent nothing proves nothing.
  private static void requireTraffic(TrafficReport report) {
    if (report.requestsSent() == 0) {
      throw new AssertionError("the traffic probe sent no request to " + report.target());
    }
  }
}
