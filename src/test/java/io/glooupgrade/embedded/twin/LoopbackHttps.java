package io.glooupgrade.embedded.twin;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.glooupgrade.embedded.pki.ServingKey;
import io.glooupgrade.embedded.pki.ServingKeyManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS listener on a free loopback port that presents, at each handshake, the key the workload
 * holds at that moment (so a rotated certificate reaches the next client that connects).
 */
final class LoopbackHttps {

  private LoopbackHttps() {
  }

  static HttpsServer start(Supplier<Optional<ServingKey>> key, Function<HttpCall, HttpAnswer> handler,
      ExecutorService threads, int backlog) {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(new KeyManager[] {new ServingKeyManager(key)}, null, null);
      HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      server.createContext("/", exchange -> HttpExchanges.serve(exchange, handler));
      server.setExecutor(threads);
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot serve TLS", e);
    }
  }
}
