package io.glooupgrade.embedded.twin;

import io.glooupgrade.embedded.DaemonThreads;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback listener per pod port that some workload serves (gloo's metrics on 9091, for
 * example), opened on first use, so the API's pod proxy can reach it as on a real cluster.
 */
final class PodPortListeners implements AutoCloseable {

  private final PodRuntime runtime;
  private final Map<String, HttpServer> listeners = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("pod-port"));

  PodPortListeners(PodRuntime runtime) {
    this.runtime = runtime;
  }

  InetSocketAddress resolve(String namespace, String pod, int port) {
    return listeners.computeIfAbsent(namespace + "/" + pod + ":" + port, k -> listen(namespace, pod, port))
        .getAddress();
  }

  private HttpServer listen(String namespace, String pod, int port) {
    return LoopbackHttp.start(call -> runtime.workload(namespace, pod).flatMap(w -> w.handle(port, call))
        .orElse(HttpAnswer.text(503, "dial tcp " + pod + ":" + port + ": connect: connection refused")), threads, 64);
  }

  @Override
  public void close() {
    listeners.values().forEach(s -> s.stop(0));
    threads.shutdownNow();
  }
}
