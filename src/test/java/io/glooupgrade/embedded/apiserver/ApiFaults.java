package io.glooupgrade.embedded.apiserver;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transient API failures the embedded API server can be told to show, as a flaky real API does:
 * throttling (429 with Retry-After), server errors (500, 503 with Retry-After), slow answers and
 * dropped connections. Deterministic: every Nth request of the clients it targets gets the next
 * fault of a fixed rotation, counted per server. Only the harness's own clients (fabric8's
 * User-Agent) are targeted, Helm's only when asked: the embedded world's controllers and twin
 * call with their own User-Agent and are never disturbed.
 */
public final class ApiFaults {

  /** One kind of transient failure. */
  public enum Kind {
    /** 429 Too Many Requests with {@code Retry-After}, before the request is served. */
    TOO_MANY_REQUESTS,
    /** 500 Internal Server Error, before the request is served. */
    SERVER_ERROR,
    /** 503 Service Unavailable with {@code Retry-After}, before the request is served. */
    UNAVAILABLE,
    /** A read (GET) answered only after the slow-answer delay. */
    SLOW_ANSWER,
    /** The connection is reset (TCP RST) before the request is served. */
    CONNECTION_RESET,
    /** A read's connection is closed without an answer, as by an idle-timeout race. */
    CONNECTION_CLOSED;

    /** Slow answers and closed connections only for reads: a write's outcome would be ambiguous. */
    boolean appliesTo(String method) {
      return (this != SLOW_ANSWER && this != CONNECTION_CLOSED) || "GET".equals(method);
    }

    /**
     * What Helm (client-go, in helm-java 0.0.21) rides out on its own: it retries a 429 or 503
     * after its Retry-After and a read whose connection was reset or closed, and has no request
     * timeout (a slow answer only delays it). A 500 without Retry-After, or a reset write, fails
     * the Helm command at once (see ApiFaultScenarioTest).
     */
    boolean helmRidesOut(String method) {
      return this != SERVER_ERROR && (this != CONNECTION_RESET || "GET".equals(method));
    }
  }

  /** The fabric8 client's User-Agent prefix: the harness's own requests. */
  public static final String HARNESS_USER_AGENT = "fabric8-kubernetes-client/";
  /** Helm's User-Agent prefix (helm-java's Helm sends {@code Helm/3.21}). */
  public static final String HELM_USER_AGENT = "Helm/";
  /** The embedded world's controllers, twin and Federation controller call with this User-Agent. */
  public static final String WORLD_USER_AGENT = "embedded-world";

  private final int every;
  private final List<Kind> rotation;
  private final int burst;
  private final Duration slowAnswer;
  private final int retryAfterSeconds;
  private final boolean harness;
  private final HelmTargeting helm;
  private final Map<Kind, Integer> injected = new ConcurrentHashMap<>();

  private ApiFaults(int every, List<Kind> rotation, int burst, Duration slowAnswer, int retryAfterSeconds,
      boolean harness, HelmTargeting helm) {
    this.every = every;
    this.rotation = rotation;
    this.burst = burst;
    this.slowAnswer = slowAnswer;
    this.retryAfterSeconds = retryAfterSeconds;
    this.harness = harness;
    this.helm = helm;
  }

  /** No fault: what the suite runs against. */
  public static ApiFaults none() {
    return new ApiFaults(0, List.of(), 1, Duration.ZERO, 1, true, HelmTargeting.NONE);
  }

  /**
   * Every {@code n}th targeted request fails (the 1st, the n+1st, ...), with the given kinds in
   * turn; a kind that fits only reads waits for the next read.
   */
  public static ApiFaults every(int n, Kind... kinds) {
    if (n < 1 || kinds.length == 0) {
      throw new IllegalArgumentException("every n >= 1 request, with at least one kind");
    }
    return new ApiFaults(n, List.of(kinds), 1, Duration.ofSeconds(2), 1, true, HelmTargeting.NONE);
  }

  /** Each fault hits this many targeted requests in a row (a retry meets the same fault again). */
  public ApiFaults inRowsOf(int consecutive) {
    return new ApiFaults(every, rotation, consecutive, slowAnswer, retryAfterSeconds, harness, helm);
  }

  /** How long a slow answer takes (default 2 s). */
  public ApiFaults slowAnswersTake(Duration delay) {
    return new ApiFaults(every, rotation, burst, delay, retryAfterSeconds, harness, helm);
  }

  /** The Retry-After of 429 and 503 answers, in seconds (default 1, as the API server's priority and fairness). */
  public ApiFaults retryAfter(int seconds) {
    return new ApiFaults(every, rotation, burst, slowAnswer, seconds, harness, helm);
  }

  /**
   * Helm's requests are targeted too, with the faults Helm rides out on its own
   * ({@link Kind#helmRidesOut}); a fault Helm would fail on waits for the harness's next request.
   */
  public ApiFaults includingHelm() {
    return new ApiFaults(every, rotation, burst, slowAnswer, retryAfterSeconds, harness, HelmTargeting.RIDDEN_OUT);
  }

  /** Only Helm's requests are targeted, with every kind: to show what Helm does on its own. */
  public ApiFaults onlyHelm() {
    return new ApiFaults(every, rotation, burst, slowAnswer, retryAfterSeconds, false, HelmTargeting.ALL);
  }

  private enum HelmTargeting { NONE, RIDDEN_OUT, ALL }

  /** How many requests met each kind of fault so far, over every server with these faults. */
  public Map<Kind, Integer> injected() {
    return Map.copyOf(injected);
  }

  public boolean active() {
    return every > 0;
  }

  public Duration slowAnswer() {
    return slowAnswer;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** One server's count of targeted requests and its faults waiting for a request they apply to. */
  Tally tally() {
    return new Tally();
  }

  /** Counts one server's targeted requests: every Nth arms the next kinds, served to the next requests they fit. */
  final class Tally {

    private long count;
    private int turn;
    private final Deque<Kind> armed = new ArrayDeque<>();

    /** The fault for this request, if any. Watches (WebSocket upgrades) are left alone. */
    synchronized Optional<Kind> next(String userAgent, String method, boolean upgrade) {
      String agent = userAgent == null ? "" : userAgent;
      boolean fromHelm = agent.startsWith(HELM_USER_AGENT);
      if (!active() || upgrade || !(harness && agent.startsWith(HARNESS_USER_AGENT)
          || helm != HelmTargeting.NONE && fromHelm)) {
        return Optional.empty();
      }
      count++;
      if ((count - 1) % every == 0) {
        Kind kind = rotation.get(turn++ % rotation.size());
        for (int i = 0; i < burst; i++) {
          armed.addLast(kind);
        }
      }
      Kind first = armed.peekFirst();
      if (first != null && first.appliesTo(method)
          && (!fromHelm || helm == HelmTargeting.ALL || first.helmRidesOut(method))) {
        injected.merge(first, 1, Integer::sum);
        return Optional.of(armed.removeFirst());
      }
      return Optional.empty();
    }
  }
}
