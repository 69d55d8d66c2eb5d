package io.glooupgrade.embedded.twin;

import io.glooupgrade.embedded.DaemonThreads;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.PortStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.glooupgrade.embedded.controllers.LoadBalancerAddresses;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The cloud load balancer of the embedded cluster: each port of a LoadBalancer Service gets a
 * real listener on loopback, whose port is published in the Service's
 * {@code status.loadBalancer.ingress[0].ports[]} (in the order of the Service's ports), and which
 * forwards each request to a Ready endpoint of the Service. TLS is not modelled: every port
 * speaks plain HTTP.
 */
final class LoadBalancers implements LoadBalancerAddresses, AutoCloseable {

  private final ServiceRouting routing;
  private final ClusterView cluster;
  private final Map<String, HttpServer> listeners = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("load-balancer"));

  LoadBalancers(ServiceRouting routing, ClusterView cluster) {
    this.routing = routing;
    this.cluster = cluster;
  }

  @Override
  public LoadBalancerIngress ingressFor(Service service) {
    LoadBalancerIngressBuilder ingress = new LoadBalancerIngressBuilder().withIp("127.0.0.1");
    for (ServicePort port : service.getSpec().getPorts()) {
      HttpServer listener = listeners.computeIfAbsent(key(service, port.getPort()),
          k -> listen(service.getMetadata().getNamespace(), service.getMetadata().getName(), port.getPort()));
      ingress.addToPorts(new PortStatusBuilder().withPort(listener.getAddress().getPort())
          .withProtocol(port.getProtocol() == null ? "TCP" : port.getProtocol()).build());
    }
    return ingress.build();
  }

  /** Stops the listeners of a deleted Service. */
  void serviceDeleted(String namespace, String name) {
    listeners.keySet().removeIf(k -> {
      if (k.startsWith(namespace + "/" + name + ":")) {
        listeners.get(k).stop(0);
        return true;
      }
      return false;
    });
  }

  private HttpServer listen(String namespace, String name, int port) {
    return ServicePortListener.start(routing, cluster, namespace, name, port, threads, 512);
  }


  private static String key(Service service, int port) {
    return service.getMetadata().getNamespace() + "/" + service.getMetadata().getName() + ":" + port;
  }

  @Override
  public void close() {
    listeners.values().forEach(s -> s.stop(0));
    listeners.clear();
    threads.shutdownNow();
  }
}
