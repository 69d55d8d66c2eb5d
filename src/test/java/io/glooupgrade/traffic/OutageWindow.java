package io.glooupgrade.traffic;

/**
 * A time during which every request through the gateway failed: from the start of the first
 * failed request to the start of the next request that succeeded (milliseconds since the probe
 * started), the requests lost, the first failure's error, and the documented step that was running.
 */
public record OutageWindow(double startMs, double endMs, long requestsLost, String firstError, String step) {

  public double lengthMs() {
    return endMs - startMs;
  }
}
