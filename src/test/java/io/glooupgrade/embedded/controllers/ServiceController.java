package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/** LoadBalancer Services get their ingress address (the clusterIP is given by the API server). */
final class ServiceController {

  private final KubernetesClient client;
  private final LoadBalancerAddresses addresses;

  ServiceController(KubernetesClient client, LoadBalancerAddresses addresses) {
    this.client = client;
    this.addresses = addresses;
  }

  void reconcile(String namespace, String name) {
    Service service = client.services().inNamespace(namespace).withName(name).get();
    if (service == null || !"LoadBalancer".equals(service.getSpec().getType())) {
      return;
    }
    LoadBalancerIngress ingress = addresses.ingressFor(service);
    if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
        && Objects.equals(service.getStatus().getLoadBalancer().getIngress(), List.of(ingress))) {
      return;
    }
    service.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder()
        .withNewLoadBalancer().withIngress(ingress).endLoadBalancer().build());
    service.getMetadata().setResourceVersion(null);
    client.services().inNamespace(namespace).resource(service).patchStatus();
  }
}
