package io.glooupgrade.embedded.twin;

import io.glooupgrade.embedded.DaemonThreads;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback listener per pod port that some workload serves, opened on first use: plain HTTP for
 * the API's pod proxy (gloo's metrics on 9091, for example), or HTTPS for a port the workload serves
 * TLS on (gloo's validation webhook on 8443, which the API server calls), presenting at each
 * handshake the certificate the workload holds then.
 */
final class PodPortListeners implements AutoCloseable {

  private final PodRuntime runtime;
  private final Map<String, HttpServer> listeners = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("pod-port"));

  PodPortListeners(PodRuntime runtime) {
    this.runtime = runtime;
  }

  InetSocketAddress resolve(String namespace, String pod, int port) {
    return listeners.computeIfAbsent("http " + namespace + "/" + pod + ":" + port, k -> listen(namespace, pod, port))
        .getAddress();
  }

  /** The pod port as a TLS server: a handshake fails while the workload has no certificate for it. */
  InetSocketAddress resolveTls(String namespace, String pod, int port) {
    return listeners.computeIfAbsent("https " + namespace + "/" + pod + ":" + port,
        k -> LoopbackHttps.start(() -> runtime.workload(namespace, pod).flatMap(w -> w.tlsCertificate(port)),
            call -> answer(namespace, pod, port, call), threads, 64)).getAddress();
  }

  private HttpServer listen(String namespace, String pod, int port) {
    return LoopbackHttp.start(call -> answer(namespace, pod, port, call), threads, 64);
  }

  private HttpAnswer answer(String namespace, String pod, int port, HttpCall call) {
    return runtime.workload(namespace, pod).flatMap(w -> w.handle(port, call))
        .orElse(HttpAnswer.text(503, "dial tcp " + pod + ":" + port + ": connect: connection refused"));
  }

  @Override
  public void close() {
    listeners.values().forEach(s -> s.stop(0));
    threads.shutdownNow();
  }
}
