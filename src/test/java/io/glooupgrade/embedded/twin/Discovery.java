package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.glooupgrade.embedded.controllers.ReconcileQueue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gloo's discovery of one installation: an Upstream {@code <namespace>-<service>-<port>} in the
 * installation's namespace for every port of every Service (kube-system aside), as the guides'
 * {@code default-petstore-8080} is found.
 */
final class Discovery implements Workload {

  private final KubernetesClient client;
  private final String namespace;
  private final ReconcileQueue queue;
  private final SharedIndexInformer<Service> services;

  Discovery(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.queue = new ReconcileQueue("discovery-" + namespace);
    this.services = client.services().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service service) {
        queue.enqueue("discover/" + service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(),
            () -> discover(service));
      }

      @Override
      public void onUpdate(Service old, Service service) {
        onAdd(service);
      }

      @Override
      public void onDelete(Service service, boolean unknown) {
        queue.enqueue("forget/" + service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(),
            () -> forget(service));
      }
    });
  }

  private void discover(Service service) {
    if (service.getMetadata().getNamespace().equals("kube-system")) {
      return;
    }
    for (ServicePort port : service.getSpec().getPorts()) {
      String name = upstreamName(service, port);
      if (client.genericKubernetesResources(GlooResources.UPSTREAMS).inNamespace(namespace).withName(name).get() != null) {
        continue;
      }
      Map<String, Object> kube = new LinkedHashMap<>();
      kube.put("serviceName", service.getMetadata().getName());
      kube.put("serviceNamespace", service.getMetadata().getNamespace());
      kube.put("servicePort", port.getPort());
      if (service.getSpec().getSelector() != null) {
        kube.put("selector", service.getSpec().getSelector());
      }
      GenericKubernetesResource upstream = new GenericKubernetesResourceBuilder().withApiVersion("gloo.solo.io/v1")
          .withKind("Upstream").withNewMetadata().withName(name).withNamespace(namespace)
          .addToLabels("discovered_by", "kubernetesplugin").endMetadata().build();
      upstream.getAdditionalProperties().put("spec", Map.of("kube", kube, "discoveryMetadata", Map.of()));
      try {
        client.genericKubernetesResources(GlooResources.UPSTREAMS).inNamespace(namespace).resource(upstream).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
  }

  private void forget(Service service) {
    for (ServicePort port : service.getSpec().getPorts()) {
      client.genericKubernetesResources(GlooResources.UPSTREAMS).inNamespace(namespace)
          .withName(upstreamName(service, port)).delete();
    }
  }

  static String upstreamName(Service service, ServicePort port) {
    return service.getMetadata().getNamespace() + "-" + service.getMetadata().getName() + "-" + port.getPort();
  }

  @Override
  public void close() {
    services.close();
    queue.close();
  }
}
