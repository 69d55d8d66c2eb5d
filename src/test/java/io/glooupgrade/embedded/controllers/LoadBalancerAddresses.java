package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.PortStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;

/**
 * The ingress a LoadBalancer Service gets. All addresses are on loopback; the ports are the
 * real local ports behind the Service where something listens (the Gloo twin's gateway proxy
 * provides its own), else the Service's own port numbers.
 */
public interface LoadBalancerAddresses {

  LoadBalancerAddresses LOOPBACK = service -> {
    LoadBalancerIngressBuilder b = new LoadBalancerIngressBuilder().withIp("127.0.0.1");
    service.getSpec().getPorts().forEach(p ->
        b.addToPorts(new PortStatusBuilder().withPort(p.getPort()).withProtocol(p.getProtocol()).build()));
    return b.build();
  };

  LoadBalancerIngress ingressFor(Service service);
}
