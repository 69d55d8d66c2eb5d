package io.glooupgrade.embedded.twin;

import io.glooupgrade.embedded.DaemonThreads;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Service;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Services as the embedded API server reaches them (its admission webhooks dial
 * {@code NAME.NAMESPACE.svc:PORT}): a loopback listener per Service port, opened on first use,
 * forwarding each request to a Ready endpoint of the Service as kube-proxy would. Plain HTTP.
 *
 * <p>{@link #resolve} runs on the API's event loop: it reads only informer caches.
 */
final class ServiceListeners implements AutoCloseable {

  private final ServiceRouting routing;
  private final ClusterView cluster;
  private final Map<String, HttpServer> listeners = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("service-listener"));
  private volatile boolean closed;

  ServiceListeners(ServiceRouting routing, ClusterView cluster) {
    this.routing = routing;
    this.cluster = cluster;
  }

  /** The listener for a Service port, or empty when the Service, the port or a Ready endpoint is missing. */
  Optional<InetSocketAddress> resolve(String namespace, String name, int port) {
    Optional<Service> service = cluster.service(namespace, name);
    if (closed || service.isEmpty() || service.get().getSpec().getPorts().stream().noneMatch(p -> p.getPort() == port)
        || cluster.endpoints(service.get()).isEmpty()) {
      return Optional.empty();
    }
    // Keyed by name, not by object: a Service deleted and created again is served by the same listener.
    return Optional.of(listeners.computeIfAbsent(namespace + "/" + name + ":" + port,
        k -> listen(namespace, name, port)).getAddress());
  }

  private HttpServer listen(String namespace, String name, int port) {
    return ServicePortListener.start(routing, cluster, namespace, name, port, threads, 64);
  }


  @Override
  public void close() {
    closed = true;
    listeners.values().forEach(s -> s.stop(0));
    listeners.clear();
    threads.shutdownNow();
  }
}
