package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.glooupgrade.embedded.controllers.ReconcileQueue;

/**
 * What the {@code gloo-resource-rollout} Job does: apply the custom resources of the ConfigMap
 * {@code gloo-custom-resource-config} (the default Gateways {@code gateway-proxy} and
 * {@code gateway-proxy-ssl}) in the installation's namespace.
 */
final class ResourceRollout implements AutoCloseable {

  static final String JOB = "gloo-resource-rollout";
  static final String CONFIG_MAP = "gloo-custom-resource-config";

  private final KubernetesClient client;
  private final ReconcileQueue queue = new ReconcileQueue("gloo-resource-rollout");
  private final SharedIndexInformer<Job> jobs;

  ResourceRollout(KubernetesClient client) {
    this.client = client;
    this.jobs = client.batch().v1().jobs().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Job job) {
        if (job.getMetadata().getName().equals(JOB)) {
          String ns = job.getMetadata().getNamespace();
          queue.enqueue(ns, () -> rollOut(ns));
        }
      }

      @Override
      public void onUpdate(Job old, Job job) {
        if (!old.getMetadata().getUid().equals(job.getMetadata().getUid())
            || !old.getSpec().getTemplate().equals(job.getSpec().getTemplate())) {
          onAdd(job);
        }
      }

      @Override
      public void onDelete(Job job, boolean unknown) {
      }
    });
  }

  private void rollOut(String namespace) {
    ConfigMap config = client.configMaps().inNamespace(namespace).withName(CONFIG_MAP).get();
    if (config == null || config.getData() == null || !config.getData().containsKey("custom-resources")) {
      return;
    }
    for (String document : config.getData().get("custom-resources").split("(?m)^---\\s*$")) {
      if (document.isBlank()) {
        continue;
      }
      GenericKubernetesResource generic = Serialization.unmarshal(document, GenericKubernetesResource.class);
      generic.getMetadata().setNamespace(namespace);
      client.resource(generic).inNamespace(namespace).createOr(existing -> existing.update());
    }
  }

  @Override
  public void close() {
    jobs.close();
    queue.close();
  }
}
