package io.glooupgrade.embedded.apiserver;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's mock web server with one more thing a real API can do: fail a request at the
 * connection (reset or closed), slow, or with 429/500/503 before serving it, as {@link ApiFaults}
 * says. The mock's own server answers every request it reads, so this one listens itself, in
 * front of the same request handler and dispatcher, on the Vert.x instance the mock made.
 */
final class FaultInjectingWebServer extends MockWebServer {

  private static final List<String> WEBSOCKET_SUB_PROTOCOLS = List.of("v1.channel.k8s.io", "v2.channel.k8s.io",
      "v3.channel.k8s.io", "v4.channel.k8s.io");

  private final Vertx vertx = mockVertx();
  private final HeldWatches.Writes writes;
  private volatile Dispatcher dispatcher;
  private volatile ApiFaults.Tally faults = ApiFaults.none().tally();
  private volatile ApiFaults settings = ApiFaults.none();
  private HttpServer server;
  private int port;

  /** {@code writes}: the dispatcher's count of the writes it took, which a held watch waits on. */
  FaultInjectingWebServer(HeldWatches.Writes writes) {
    this.writes = writes;
  }

  /** Switches these faults on (or off, with {@link ApiFaults#none()}), counting from zero. */
  void faults(ApiFaults apiFaults) {
    settings = apiFaults;
    faults = apiFaults.tally();
  }

  @Override
  public void setDispatcher(Dispatcher dispatcher) {
    super.setDispatcher(dispatcher);
    this.dispatcher = dispatcher;
  }

  @Override
  public synchronized void start(InetAddress address, int requestedPort) {
    HttpServerRequestHandler serve = new HttpServerRequestHandler(vertx) {
      @Override
      protected MockResponse onHttpRequest(RecordedRequest request) {
        return dispatcher.dispatch(request);
      }
    };
    server = vertx.createHttpServer(new HttpServerOptions().setHost(address.getHostAddress()).setPort(requestedPort)
        .setWebSocketSubProtocols(WEBSOCKET_SUB_PROTOCOLS).setHandle100ContinueAutomatically(true));
    server.requestHandler(request -> handle(request, serve));
    port = await(server.listen().toCompletionStage().toCompletableFuture()).actualPort();
  }

  private void handle(HttpServerRequest request, HttpServerRequestHandler serve) {
    Optional<ApiFaults.Kind> fault = faults.next(request.getHeader("User-Agent"), request.method().name(),
        request.getHeader("Upgrade") != null);
    if (fault.isEmpty()) {
      if (HeldWatches.isGoWatch(request)) {
        HeldWatches.serve(vertx, request, dispatcher, writes);
      } else {
        serve.handle(request);
      }
      return;
    }
    switch (fault.get()) {
      case TOO_MANY_REQUESTS -> refuse(request, 429, "TooManyRequests",
          "the server has received too many requests and has asked us to try again later", true);
      case SERVER_ERROR -> refuse(request, 500, "InternalError", "an error on the server has prevented the request"
          + " from succeeding (injected)", false);
      case UNAVAILABLE -> refuse(request, 503, "ServiceUnavailable", "the server is currently unable to handle the"
          + " request (injected)", true);
      case SLOW_ANSWER -> {
        // A GET has no body to lose while it waits.
        request.pause();
        vertx.setTimer(settings.slowAnswer().toMillis(), timer -> serve.handle(request));
      }
      case CONNECTION_RESET -> {
        Channel channel = ((ConnectionBase) request.connection()).channel();
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close();
      }
      case CONNECTION_CLOSED -> request.connection().close();
      default -> throw new IllegalStateException("unknown fault " + fault.get());
    }
  }

  private void refuse(HttpServerRequest request, int code, String reason, String message, boolean retryAfter) {
    ApiResponse status = ApiResponse.status(code, reason, message);
    var response = request.response().setStatusCode(code).putHeader("Content-Type", status.contentType());
    if (retryAfter) {
      response.putHeader("Retry-After", String.valueOf(settings.retryAfterSeconds()));
    }
    response.end(io.vertx.core.buffer.Buffer.buffer(status.body()));
  }

  @Override
  public int getPort() {
    return port;
  }

  @Override
  public String getHostName() {
    return "localhost";
  }

  @Override
  public synchronized void shutdown() {
    if (dispatcher != null) {
      dispatcher.shutdown();
    }
    if (server != null) {
      await(server.close().toCompletionStage().toCompletableFuture());
    }
    await(vertx.close().toCompletionStage().toCompletableFuture());
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("embedded API server: " + e.getMessage(), e);
    }
  }

  // The mock made a Vert.x instance in its constructor and has no accessor: use it rather than
  // leave an idle one (with its checker thread) behind per cluster.
  private Vertx mockVertx() {
    try {
      java.lang.reflect.Field field = MockWebServer.class.getDeclaredField("vertx");
      field.setAccessible(true);
      return (Vertx) field.get(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("fabric8's MockWebServer has no Vert.x field any more: " + e, e);
    }
  }
}
