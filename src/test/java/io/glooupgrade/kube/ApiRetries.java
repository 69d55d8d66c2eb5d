package io.glooupgrade.kube;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Every retry of a Kubernetes API request the harness made, for the report: the failed attempt
 * (method, path without its query, status or error, attempt number) and what followed (the delay
 * before the next attempt, or giving up at the limit). Never headers, bodies or queries, so no
 * token or secret can reach it. One per run ({@code HarnessRun.apiRetries()}); a client records into
 * the run it was made in. One run's scenarios run one at a time: a scenario starts with
 * {@link #clear()} and its end reads {@link #recorded()}.
 */
public final class ApiRetries {

  /** One failed attempt. {@code delayMillis} is -1 when it was not retried (the limit was reached). */
  public record Retry(String method, String path, String failure, int attempt, long delayMillis) {

    public boolean retried() {
      return delayMillis >= 0;
    }

    @Override
    public String toString() {
      return method + " " + path + ": attempt " + attempt + " failed (" + failure + "), "
          + (retried() ? "retried after " + delayMillis + " ms" : "not retried: the retry limit was reached");
    }
  }

  private final List<Retry> recorded = new CopyOnWriteArrayList<>();

  void record(Retry retry) {
    recorded.add(retry);
  }

  /** The failed attempts since the last {@link #clear()}, in order. */
  public List<Retry> recorded() {
    return List.copyOf(recorded);
  }

  public void clear() {
    recorded.clear();
  }

  /** The report's text: one line per failed attempt, or a line saying there was none. */
  public static String report(List<Retry> retries) {
    if (retries.isEmpty()) {
      return "no API call was retried";
    }
    return retries.size() + " failed API attempt(s):\n"
        + retries.stream().map(Retry::toString).collect(Collectors.joining("\n"));
  }

  /** The path of a request URI without its query (a query may carry a token or a selector). */
  static String pathOf(java.net.URI uri) {
    return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
  }
}
