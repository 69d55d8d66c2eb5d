package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's DNS for Services as a pod's resolver answers it ({@code name}, {@code name.ns},
 * {@code name.ns.svc}, {@code name.ns.svc.cluster.local}), followed through kube-proxy to the
 * container port behind the Service's port: where a connection to that address really lands.
 */
final class ServiceDns {

  private static final String CLUSTER_DOMAIN = ".svc.cluster.local";

  private final ClusterView cluster;

  ServiceDns(ClusterView cluster) {
    this.cluster = cluster;
  }

  /** The namespace and container port that {@code host:port}, dialled from {@code fromNamespace}, reaches. */
  Optional<XdsHub.Server> resolve(String host, int port, String fromNamespace) {
    String name = host.endsWith(CLUSTER_DOMAIN) ? host.substring(0, host.length() - CLUSTER_DOMAIN.length())
        : host.endsWith(".svc") ? host.substring(0, host.length() - ".svc".length()) : host;
    String[] parts = name.split("\\.");
    if (parts.length > 2) {
      return Optional.empty();
    }
    String namespace = parts.length == 2 ? parts[1] : fromNamespace;
    Optional<Service> service = cluster.service(namespace, parts[0]);
    Optional<ServicePort> servicePort = service.flatMap(s -> s.getSpec().getPorts().stream()
        .filter(p -> p.getPort() == port).findFirst());
    if (servicePort.isEmpty()) {
      return Optional.empty();
    }
    if (servicePort.get().getTargetPort() == null || servicePort.get().getTargetPort().getIntVal() != null) {
      return Optional.of(new XdsHub.Server(namespace, ServiceRouting.targetPort(servicePort.get(), null)));
    }
    // A named target port is a container port of the endpoints.
    List<Pod> endpoints = cluster.endpoints(service.get());
    return endpoints.isEmpty() ? Optional.empty()
        : Optional.of(new XdsHub.Server(namespace, ServiceRouting.targetPort(servicePort.get(), endpoints.get(0))));
  }
}
