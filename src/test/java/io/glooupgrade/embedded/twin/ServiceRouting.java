package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Service's port to one of its Ready pods' container port, round robin: what kube-proxy does
 * for the load balancer and for Envoy's upstream clusters.
 */
final class ServiceRouting implements Upstreams {

  private final ClusterView cluster;
  private final PodRuntime runtime;
  private final AtomicInteger next = new AtomicInteger();

  ServiceRouting(ClusterView cluster, PodRuntime runtime) {
    this.cluster = cluster;
    this.runtime = runtime;
  }

  @Override
  public Optional<HttpAnswer> send(RouteConfig.Destination destination, HttpCall call) {
    return cluster.service(destination.serviceNamespace(), destination.serviceName())
        .flatMap(service -> send(service, destination.servicePort(), call));
  }

  /** Sends to the Service port numbered {@code port}; empty when no Ready pod listens there. */
  Optional<HttpAnswer> send(Service service, int port, HttpCall call) {
    Optional<ServicePort> servicePort = service.getSpec().getPorts().stream()
        .filter(p -> p.getPort() == port).findFirst();
    if (servicePort.isEmpty()) {
      return Optional.empty();
    }
    List<Pod> endpoints = cluster.endpoints(service);
    for (int attempt = 0; attempt < endpoints.size(); attempt++) {
      Pod pod = endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size()));
      int target = targetPort(servicePort.get(), pod);
      Optional<HttpAnswer> answer = runtime.workload(pod.getMetadata().getNamespace(), pod.getMetadata().getName())
          .flatMap(w -> w.handle(target, call));
      if (answer.isPresent()) {
        return answer;
      }
    }
    return Optional.empty();
  }

  /** The container port a Service port sends to on this pod (targetPort by number or by name). */
  static int targetPort(ServicePort port, Pod pod) {
    IntOrString target = port.getTargetPort();
    if (target == null) {
      return port.getPort();
    }
    if (target.getIntVal() != null) {
      return target.getIntVal();
    }
    for (Container c : pod.getSpec().getContainers()) {
      for (var p : c.getPorts()) {
        if (target.getStrVal().equals(p.getName())) {
          return p.getContainerPort();
        }
      }
    }
    return port.getPort();
  }
}
