package io.glooupgrade.embedded.twin;

import io.glooupgrade.embedded.DaemonThreads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.glooupgrade.embedded.apiserver.ApiFaults;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.glooupgrade.embedded.controllers.ReconcileQueue;
import io.glooupgrade.embedded.faults.Faults;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The gloo-fed controller of one federation installation (its namespace): it places every
 * FederatedVirtualService of the management cluster into the remote clusters registered with
 * this installation (KubernetesClusters in its namespace), through each remote's own API and the
 * kubeconfig of the registration Secret, and writes
 * {@code status.namespacedPlacementStatuses.<its namespace>}. A field the remote's CRD does not
 * declare is pruned by the remote's API, as on real clusters.
 */
final class FederationController implements Workload {

  static final ResourceDefinitionContext FEDERATED_VIRTUAL_SERVICES = new ResourceDefinitionContext.Builder()
      .withGroup("fed.gateway.solo.io").withVersion("v1").withPlural("federatedvirtualservices")
      .withKind("FederatedVirtualService").withNamespaced(true).build();
  static final ResourceDefinitionContext KUBERNETES_CLUSTERS = new ResourceDefinitionContext.Builder()
      .withGroup("multicluster.solo.io").withVersion("v1alpha1").withPlural("kubernetesclusters")
      .withKind("KubernetesCluster").withNamespaced(true).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient management;
  private final String namespace;
  private final String podName;
  private final Faults faults;
  private final ReconcileQueue queue;
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final Map<String, KubernetesClient> remotes = new ConcurrentHashMap<>();
  private volatile boolean anyFailed;
  // Like gloo-fed's periodic resync: a failed placement is tried again a moment later.
  private final ScheduledExecutorService resync =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("gloo-fed-resync"));

  FederationController(KubernetesClient management, String namespace, String podName, Faults faults) {
    this.management = management;
    this.namespace = namespace;
    this.podName = podName;
    this.faults = faults;
    this.queue = new ReconcileQueue("gloo-fed-" + namespace);
    queue.enqueue("start", this::startWatching);
  }

  private void startWatching() {
    informers.add(management.genericKubernetesResources(FEDERATED_VIRTUAL_SERVICES).inAnyNamespace()
        .inform(onAnyChange()));
    informers.add(management.genericKubernetesResources(KUBERNETES_CLUSTERS).inNamespace(namespace)
        .inform(onAnyChange()));
    queue.enqueue("place", this::placeAll);
  }

  private void placeAll() {
    anyFailed = false;
    for (GenericKubernetesResource fvs : management.genericKubernetesResources(FEDERATED_VIRTUAL_SERVICES)
        .inAnyNamespace().list().getItems()) {
      place(fvs);
    }
    if (anyFailed && !resync.isShutdown()) {
      resync.schedule(() -> queue.enqueue("place", this::placeAll), 1, TimeUnit.SECONDS);
    }
  }

  private void place(GenericKubernetesResource fvs) {
    JsonNode spec = JSON.valueToTree(fvs.getAdditionalProperties().get("spec"));
    Map<String, Object> clusters = new LinkedHashMap<>();
    boolean allPlaced = true;
    for (JsonNode cluster : spec.path("placement").path("clusters")) {
      if (!registered(cluster.asText())) {
        continue; // registered with another federation installation, or not at all
      }
      Map<String, Object> namespaces = new LinkedHashMap<>();
      for (JsonNode ns : spec.path("placement").path("namespaces")) {
        Map<String, Object> state = placeInto(cluster.asText(), ns.asText(), fvs, spec.path("template"));
        allPlaced &= "PLACED".equals(state.get("state"));
        namespaces.put(ns.asText(), state);
      }
      clusters.put(cluster.asText(), Map.of("namespaces", namespaces));
    }
    if (clusters.isEmpty()) {
      return;
    }
    Map<String, Object> placement = new LinkedHashMap<>();
    placement.put("clusters", clusters);
    placement.put("state", allPlaced ? "PLACED" : "FAILED");
    anyFailed |= !allPlaced;
    placement.put("observedGeneration", fvs.getMetadata().getGeneration());
    placement.put("writtenBy", podName);
    writeStatus(fvs, placement);
  }

  private Map<String, Object> placeInto(String cluster, String targetNamespace, GenericKubernetesResource fvs,
      JsonNode template) {
    if (faults.placementFails()) {
      return failed("failed to place resource: injected fault (placement FAILED)");
    }
    try {
      KubernetesClient remote = remote(cluster);
      String name = template.path("metadata").path("name").asText(fvs.getMetadata().getName());
      GenericKubernetesResource vs = new GenericKubernetesResourceBuilder().withApiVersion("gateway.solo.io/v1")
          .withKind("VirtualService").withNewMetadata().withName(name).withNamespace(targetNamespace)
          .addToAnnotations("fed.solo.io/owner", fvs.getMetadata().getNamespace() + "." + fvs.getMetadata().getName())
          .endMetadata().build();
      vs.getAdditionalProperties().put("spec", JSON.convertValue(template.path("spec"), Map.class));
      remote.genericKubernetesResources(GlooResources.VIRTUAL_SERVICES).inNamespace(targetNamespace).resource(vs)
          .createOr(existing -> existing.update());
      return Map.of("state", "PLACED");
    } catch (KubernetesClientException | IllegalStateException e) {
      return failed("failed to place VirtualService in cluster " + cluster + ", namespace " + targetNamespace + ": "
          + e.getMessage());
    }
  }

  private static Map<String, Object> failed(String message) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("state", "FAILED");
    state.put("message", message);
    return state;
  }

  @SuppressWarnings("unchecked")
  private void writeStatus(GenericKubernetesResource fvs, Map<String, Object> placement) {
    Map<String, Object> status = (Map<String, Object>) fvs.getAdditionalProperties()
        .computeIfAbsent("status", k -> new LinkedHashMap<>());
    Map<String, Object> byNamespace = (Map<String, Object>) status
        .computeIfAbsent("namespacedPlacementStatuses", k -> new LinkedHashMap<>());
    if (JSON.valueToTree(placement).equals(JSON.valueToTree(byNamespace.get(namespace)))) {
      return;
    }
    byNamespace.put(namespace, placement);
    management.genericKubernetesResources(FEDERATED_VIRTUAL_SERVICES).inNamespace(fvs.getMetadata().getNamespace())
        .resource(fvs).update();
  }

  private boolean registered(String cluster) {
    return management.genericKubernetesResources(KUBERNETES_CLUSTERS).inNamespace(namespace).withName(cluster)
        .get() != null;
  }

  /** A client for a registered remote, from the kubeconfig in its registration Secret. */
  private KubernetesClient remote(String cluster) {
    GenericKubernetesResource registration = management.genericKubernetesResources(KUBERNETES_CLUSTERS)
        .inNamespace(namespace).withName(cluster).get();
    String secretName = JSON.valueToTree(registration.getAdditionalProperties().get("spec")).path("secretName")
        .asText(cluster);
    Secret secret = management.secrets().inNamespace(namespace).withName(secretName).get();
    if (secret == null || secret.getData() == null || !secret.getData().containsKey("kubeconfig")) {
      throw new IllegalStateException("the registration Secret " + namespace + "/" + secretName + " has no kubeconfig");
    }
    String kubeconfig = new String(Base64.getDecoder().decode(secret.getData().get("kubeconfig")),
        StandardCharsets.UTF_8);
    return remotes.computeIfAbsent(cluster + "\n" + kubeconfig, k -> {
      Config config = Config.fromKubeconfig(kubeconfig);
      config.setUserAgent(ApiFaults.WORLD_USER_AGENT);
      return new KubernetesClientBuilder().withConfig(config).build();
    });
  }

  // Its own status writes are updates too: only a changed spec calls for placing again.
  private ResourceEventHandler<GenericKubernetesResource> onAnyChange() {
    return Changes.handler(() -> queue.enqueue("place", this::placeAll), (before, after) ->
        !JSON.valueToTree(before.getAdditionalProperties().get("spec"))
            .equals(JSON.valueToTree(after.getAdditionalProperties().get("spec"))));
  }

  @Override
  public void close() {
    resync.shutdownNow();
    informers.forEach(SharedIndexInformer::close);
    queue.close();
    remotes.values().forEach(KubernetesClient::close);
  }
}
