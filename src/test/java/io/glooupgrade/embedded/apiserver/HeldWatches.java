package io.glooupgrade.embedded.apiserver;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A Go client's plain-HTTP watch held open, as a real API server holds it, until something changes:
 * the dispatcher is asked again every {@link #POLL_MILLIS} ms (on the event loop's timers, never a
 * blocked thread), and the first answer with events goes out at once; with no change, the empty
 * stream ends after {@link GoWatches#QUIET_WATCH}. Helm waiting for a hook Job, or a Job's kubectl
 * waiting for a rollout, then sees the change within a poll instead of at the end of a quiet second.
 * A poll asks the dispatcher again only when the server has taken a write since the last answer:
 * nothing else changes what a watch would see, and each answer lists the collection.
 */
final class HeldWatches {

  static final long POLL_MILLIS = 50;

  private HeldWatches() {
  }

  /** A watch over plain HTTP (not fabric8's WebSocket watches). */
  static boolean isGoWatch(HttpServerRequest request) {
    String watch = request.getParam("watch");
    return request.method() == io.vertx.core.http.HttpMethod.GET && request.getHeader("Upgrade") == null
        && ("true".equals(watch) || "1".equals(watch));
  }

  /** Counts the writes the server has taken: while it stands still, a quiet watch stays quiet. */
  interface Writes {
    long count();
  }

  static void serve(Vertx vertx, HttpServerRequest request, Dispatcher dispatcher, Writes writes) {
    Headers.Builder headers = Headers.builder();
    request.headers().forEach(h -> headers.add(h.getKey(), h.getValue()));
    RecordedRequest recorded = new RecordedRequest("HTTP/1.1", HttpMethod.GET, request.uri(), headers.build(),
        new Buffer());
    long quietUntil = System.nanoTime() + GoWatches.QUIET_WATCH.toNanos();
    new Held(vertx, request, dispatcher, recorded, writes, quietUntil).poll();
  }

  /** One held watch: asked again on a timer while it is quiet. */
  private static final class Held {
    private final Vertx vertx;
    private final HttpServerRequest request;
    private final Dispatcher dispatcher;
    private final RecordedRequest recorded;
    private final Writes writes;
    private final long quietUntil;
    private long askedAt = -1;
    private MockResponse quiet;

    Held(Vertx vertx, HttpServerRequest request, Dispatcher dispatcher, RecordedRequest recorded, Writes writes,
        long quietUntil) {
      this.vertx = vertx;
      this.request = request;
      this.dispatcher = dispatcher;
      this.recorded = recorded;
      this.writes = writes;
      this.quietUntil = quietUntil;
    }

    void poll() {
      if (request.response().closed()) {
        return;
      }
      MockResponse answer = quiet;
      long written = writes.count();
      if (answer == null || written != askedAt) {
        askedAt = written;
        answer = dispatcher.dispatch(recorded);
      }
      if (GoWatches.isQuiet(answer) && System.nanoTime() < quietUntil) {
        quiet = answer;
        vertx.setTimer(POLL_MILLIS, timer -> poll());
        return;
      }
      write(request.response(), answer);
    }
  }

  private static void write(HttpServerResponse response, MockResponse answer) {
    response.setStatusCode(answer.code());
    for (Map.Entry<String, List<String>> header : answer.getHeaders().toMultimap().entrySet()) {
      response.putHeader(header.getKey(), header.getValue());
    }
    byte[] body = answer.getBody() == null ? new byte[0] : answer.getBody().getBytes();
    response.end(io.vertx.core.buffer.Buffer.buffer(body));
  }

  static String text(MockResponse answer) {
    return answer.getBody() == null ? "" : new String(answer.getBody().getBytes(), StandardCharsets.UTF_8);
  }
}
