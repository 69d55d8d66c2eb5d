package io.glooupgrade.embedded.apiserver;

import io.glooupgrade.embedded.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLServerSocket;

/**
 * The embedded API's HTTPS port: TLS with the {@link LoopbackCertificates}, each connection then
 * passed byte for byte to the API's plain HTTP port on loopback. It exists because a real kubectl
 * (client-go's kubeconfig loader) sends no credentials to an {@code http://} server, not even
 * {@code --token}; so a pod's kubectl can act as its ServiceAccount only over HTTPS, as on a real
 * cluster. What is answered is the same API either way.
 */
final class SecurePort implements AutoCloseable {

  private final ServerSocket server;
  private final int plainPort;
  private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("embedded-api-https"));
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private SecurePort(ServerSocket server, int plainPort) {
    this.server = server;
    this.plainPort = plainPort;
  }

  /** Listens on a free loopback port, forwarding to {@code plainPort}. */
  static SecurePort open(int plainPort, LoopbackCertificates certificates) {
    try {
      SSLServerSocket server = (SSLServerSocket) certificates.serverContext().getServerSocketFactory()
          .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      SecurePort port = new SecurePort(server, plainPort);
      port.threads.execute(port::accept);
      return port;
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the embedded API's HTTPS port", e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> forward(client));
      } catch (IOException e) {
        // Closed: the API is shutting down.
      }
    }
  }

  private void forward(Socket client) {
    open.add(client);
    try (client; Socket api = new Socket()) {
      open.add(api);
      api.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), plainPort), 2_000);
      threads.execute(() -> pump(api, client));
      pump(client, api);
    } catch (IOException e) {
      // A failed handshake or a closed peer ends this connection only.
    } finally {
      open.remove(client);
    }
  }

  /** Copies from one socket to the other until the first ends, then ends the other's output. */
  private void pump(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      for (int n; (n = in.read(buffer)) >= 0;) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // The peer went away.
    } finally {
      closeQuietly(to);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Already closed.
    }
    open.forEach(SecurePort::closeQuietly);
    threads.shutdownNow();
  }
}
