package io.glooupgrade.embedded.apiserver;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
  }

  /** The fabric8 client's User-Agent prefix: the harness's own requests. */
  public static final String HARNESS_USER_AGENT = "fabric8-kubernetes-client/";
  /** The embedded world's controllers, twin and Federation controller call with this User-Agent. */
  public static final String WORLD_USER_AGENT = "embedded-world";

  private final int every;
  private final List<Kind> rotation;
  private final int burst;
  private final Duration slowAnswer;
  private final int retryAfterSeconds;
  private final boolean helm;

  private ApiFaults(int every, List<Kind> rotation, int burst, Duration slowAnswer, int retryAfterSeconds,
      boolean helm) {
    this.every = every;
    this.rotation = rotation;
    this.burst = burst;
    this.slowAnswer = slowAnswer;
    this.retryAfterSeconds = retryAfterSeconds;
    this.helm = helm;
  }

  /** No fault: what the suite runs against. */
  public static ApiFaults none() {
    return new ApiFaults(0, List.of(), 1, Duration.ZERO, 1, false);
  }

  /**
   * Every {@code n}th targeted request fails (the 1st, the n+1st, ...), with the given kinds in
   * turn; a kind that fits only reads waits for the next read.
   */
  public static ApiFaults every(int n, Kind... kinds) {
    if (n < 1 || kinds.length == 0) {
      throw new IllegalArgumentException("every n >= 1 request, with at least one kind");
    }
    return new ApiFaults(n, List.of(kinds), 1, Duration.ofSeconds(2), 1, false);
  }

  /** Each fault hits this many targeted requests in a row (a retry meets the same fault again). */
  public ApiFaults inRowsOf(int consecutive) {
    return new ApiFaults(every, rotation, consecutive, slowAnswer, retryAfterSeconds, helm);
  }

  /** How long a slow answer takes (default 2 s). */
  public ApiFaults slowAnswersTake(Duration delay) {
    return new ApiFaults(every, rotation, burst, delay, retryAfterSeconds, helm);
  }

  /** The Retry-After of 429 and 503 answers, in seconds (default 1, as the API server's priority and fairness). */
  public ApiFaults retryAfter(int seconds) {
    return new ApiFaults(every, rotation, burst, slowAnswer, seconds, helm);
  }

  /** Helm's requests are targeted too (for the kinds client-go retries on its own). */
  public ApiFaults includingHelm() {
    return new ApiFaults(every, rotation, burst, slowAnswer, retryAfterSeconds, true);
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

  boolean targets(String userAgent) {
    String agent = userAgent == null ? "" : userAgent;
    return agent.startsWith(HARNESS_USER_AGENT) || helm && agent.toLowerCase(Locale.ROOT).startsWith("helm");
  }

  /** Counts one server's targeted requests: every Nth arms the next kinds, served to the next requests they fit. */
  final class Tally {

    private long count;
    private int turn;
    private final Deque<Kind> armed = new ArrayDeque<>();

    /** The fault for this request, if any. Watches (WebSocket upgrades) are left alone. */
    synchronized Optional<Kind> next(String userAgent, String method, boolean upgrade) {
      if (!active() || upgrade || !targets(userAgent)) {
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
      if (first != null && first.appliesTo(method)) {
        return Optional.of(armed.removeFirst());
      }
      return Optional.empty();
    }
  }
}
