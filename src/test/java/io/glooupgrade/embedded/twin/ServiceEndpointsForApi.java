package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the embedded API server reaches a Service's port (its admission webhooks dial
 * {@code NAME.NAMESPACE.svc:PORT} over TLS): one of the Service's Ready endpoints, round robin, at
 * the pod's own listener for the target port, as kube-proxy's DNAT sends a connection to one pod. The
 * pod's workload then does the TLS handshake with its own certificate, as gloo does on 8443.
 *
 * <p>{@link #resolve} runs on the API's event loop: it reads only informer caches and the running
 * workloads, and opens a listener at most once per pod port.
 */
final class ServiceEndpointsForApi implements AutoCloseable {

  private final ClusterView cluster;
  private final PodPortListeners pods;
  private final AtomicInteger next = new AtomicInteger();
  private volatile boolean closed;

  ServiceEndpointsForApi(ClusterView cluster, PodPortListeners pods) {
    this.cluster = cluster;
    this.pods = pods;
  }

  /** A Ready endpoint's TLS listener, or empty when the Service, the port or a Ready endpoint is missing. */
  Optional<InetSocketAddress> resolve(String namespace, String name, int port) {
    Optional<Service> service = cluster.service(namespace, name);
    if (closed || service.isEmpty()) {
      return Optional.empty();
    }
    Optional<ServicePort> servicePort = service.get().getSpec().getPorts().stream()
        .filter(p -> p.getPort() == port).findFirst();
    List<Pod> endpoints = cluster.endpoints(service.get());
    if (servicePort.isEmpty() || endpoints.isEmpty()) {
      return Optional.empty();
    }
    Pod pod = endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size()));
    return Optional.of(pods.resolveTls(namespace, pod.getMetadata().getName(),
        ServiceRouting.targetPort(servicePort.get(), pod)));
  }

  @Override
  public void close() {
    closed = true;
  }
}
