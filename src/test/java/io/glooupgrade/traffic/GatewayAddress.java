package io.glooupgrade.traffic;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where clients reach an installation's gateway: the {@code gateway-proxy} LoadBalancer Service's
 * ingress (IP or hostname) and its http port. A load balancer that reports its ports in
 * {@code ingress[].ports} (in the Service's port order) is taken at its word; otherwise the
 * Service port is used, as on most clouds.
 */
public final class GatewayAddress {

  private GatewayAddress() {
  }

  public static Optional<URI> of(KubernetesClient client, String namespace) {
    Service service = client.services().inNamespace(namespace).withName("gateway-proxy").get();
    if (service == null || service.getStatus() == null || service.getStatus().getLoadBalancer() == null
        || service.getStatus().getLoadBalancer().getIngress().isEmpty()) {
      return Optional.empty();
    }
    LoadBalancerIngress ingress = service.getStatus().getLoadBalancer().getIngress().get(0);
    List<ServicePort> ports = service.getSpec().getPorts();
    int index = 0;
    for (int i = 0; i < ports.size(); i++) {
      if ("http".equals(ports.get(i).getName())) {
        index = i;
      }
    }
    int port = ingress.getPorts() != null && ingress.getPorts().size() > index
        ? ingress.getPorts().get(index).getPort() : ports.get(index).getPort();
    String host = ingress.getIp() != null ? ingress.getIp() : ingress.getHostname();
    return host == null ? Optional.empty() : Optional.of(URI.create("http://" + host + ":" + port));
  }
}
