package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The pods and Services of the cluster as the data plane sees them (kube-proxy's view): which
 * Ready pods back a Service. Read from informer caches, so a request costs no API call.
 */
final class ClusterView implements AutoCloseable {

  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Service> services;

  ClusterView(KubernetesClient client, Consumer<Service> serviceDeleted) {
    this.pods = client.pods().inAnyNamespace().inform();
    this.services = client.services().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service service) {
      }

      @Override
      public void onUpdate(Service old, Service service) {
      }

      @Override
      public void onDelete(Service service, boolean unknown) {
        serviceDeleted.accept(service);
      }
    });
  }

  Optional<Service> service(String namespace, String name) {
    return Optional.ofNullable(services.getStore().getByKey(namespace + "/" + name));
  }

  /** The Ready, not terminating pods a Service selects: its endpoints. */
  List<Pod> endpoints(Service service) {
    Map<String, String> selector = service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return List.of();
    }
    String namespace = service.getMetadata().getNamespace();
    return pods.getStore().list().stream()
        .filter(p -> p.getMetadata().getNamespace().equals(namespace))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getMetadata().getLabels() != null
            && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
        .filter(ClusterView::isReady)
        .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName()))
        .toList();
  }

  static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Override
  public void close() {
    pods.close();
    services.close();
  }
}
