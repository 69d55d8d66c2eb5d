package io.glooupgrade.embedded.twin;

import io.glooupgrade.embedded.DaemonThreads;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A small loopback HTTP server for one port of one pod (for example Envoy's admin port 19000). */
final class AdminServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(2, DaemonThreads.named("pod-port"));

  AdminServer(Function<HttpCall, HttpAnswer> handler) {
    server = LoopbackHttp.start(handler, threads, 64);
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
