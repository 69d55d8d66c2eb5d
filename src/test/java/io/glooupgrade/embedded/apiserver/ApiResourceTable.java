package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every kind the embedded API serves: the built-in kinds a Gloo chart (and Helm) uses, plus each
 * served version of every CustomResourceDefinition stored. Discovery, typed lists and pruning read it.
 */
public final class ApiResourceTable {

  private static final List<ApiResource> BUILT_IN = List.of(
      core("namespaces", "Namespace", false),
      core("pods", "Pod", true),
      core("services", "Service", true),
      core("endpoints", "Endpoints", true),
      core("secrets", "Secret", true),
      core("configmaps", "ConfigMap", true),
      core("serviceaccounts", "ServiceAccount", true),
      core("events", "Event", true),
      core("persistentvolumeclaims", "PersistentVolumeClaim", true),
      core("nodes", "Node", false),
      new ApiResource("apps", "v1", "deployments", "Deployment", true),
      new ApiResource("apps", "v1", "replicasets", "ReplicaSet", true),
      new ApiResource("apps", "v1", "daemonsets", "DaemonSet", true),
      new ApiResource("apps", "v1", "statefulsets", "StatefulSet", true),
      new ApiResource("batch", "v1", "jobs", "Job", true),
      new ApiResource("batch", "v1", "cronjobs", "CronJob", true),
      new ApiResource("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
      new ApiResource("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
      new ApiResource("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
      new ApiResource("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
      new ApiResource("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations",
          "ValidatingWebhookConfiguration", false),
      new ApiResource("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations",
          "MutatingWebhookConfiguration", false),
      new ApiResource("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true),
      new ApiResource("networking.k8s.io", "v1", "ingresses", "Ingress", true),
      new ApiResource("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true),
      new ApiResource("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true),
      new ApiResource("coordination.k8s.io", "v1", "leases", "Lease", true),
      new ApiResource("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true),
      new ApiResource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false));

  /** CRD name -> the CRD as stored, kept current by the dispatcher on every CRD write. */
  private final Map<String, JsonNode> crds = new ConcurrentHashMap<>();

  private static ApiResource core(String plural, String kind, boolean namespaced) {
    return new ApiResource("", "v1", plural, kind, namespaced);
  }

  public void crdStored(JsonNode crd) {
    crds.put(crd.path("metadata").path("name").asText(), crd);
  }

  public void crdDeleted(String name) {
    crds.remove(name);
  }

  public List<ApiResource> all() {
    List<ApiResource> all = new ArrayList<>(BUILT_IN);
    for (JsonNode crd : crds.values()) {
      JsonNode spec = crd.path("spec");
      for (JsonNode version : spec.path("versions")) {
        if (version.path("served").asBoolean(true)) {
          all.add(new ApiResource(spec.path("group").asText(), version.path("name").asText(),
              spec.path("names").path("plural").asText(), spec.path("names").path("kind").asText(),
              "Namespaced".equals(spec.path("scope").asText())));
        }
      }
    }
    return all;
  }

  public Optional<ApiResource> find(String group, String version, String plural) {
    return all().stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural))
        .findFirst();
  }

  public boolean isBuiltIn(String group) {
    return BUILT_IN.stream().anyMatch(r -> r.group().equals(group));
  }

  /** The stored CRD serving this group and plural, if any. */
  public Optional<JsonNode> crdFor(String group, String plural) {
    return Optional.ofNullable(crds.get(plural + "." + group));
  }
}
