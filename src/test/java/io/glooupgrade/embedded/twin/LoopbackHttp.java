package io.glooupgrade.embedded.twin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/** An HTTP listener on a free loopback port: every socket the twin opens is one of these. */
final class LoopbackHttp {

  private LoopbackHttp() {
  }

  static HttpServer start(Function<HttpCall, HttpAnswer> handler, ExecutorService threads, int backlog) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
      server.createContext("/", exchange -> HttpExchanges.serve(exchange, handler));
      server.setExecutor(threads);
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
