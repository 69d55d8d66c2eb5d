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

  /**
   * Short names and categories as a real v1.31 API server lists them: kubectl resolves
   * {@code get ns}, {@code get deploy} or {@code get crd X} through them, and {@code get all} through
   * the {@code all} category.
   */
  private static final List<ApiResource> BUILT_IN = List.of(
      core("namespaces", "Namespace", false).withShortNames("ns")
          .withVerbs("create", "delete", "get", "list", "patch", "update", "watch"),
      core("pods", "Pod", true).withShortNames("po").withCategories("all"),
      core("services", "Service", true).withShortNames("svc").withCategories("all"),
      core("endpoints", "Endpoints", true).withShortNames("ep"),
      core("secrets", "Secret", true),
      core("configmaps", "ConfigMap", true).withShortNames("cm"),
      core("serviceaccounts", "ServiceAccount", true).withShortNames("sa"),
      core("events", "Event", true).withShortNames("ev"),
      core("persistentvolumeclaims", "PersistentVolumeClaim", true).withShortNames("pvc"),
      core("nodes", "Node", false).withShortNames("no"),
      new ApiResource("apps", "v1", "deployments", "Deployment", true).withShortNames("deploy").withCategories("all"),
      new ApiResource("apps", "v1", "replicasets", "ReplicaSet", true).withShortNames("rs").withCategories("all"),
      new ApiResource("apps", "v1", "daemonsets", "DaemonSet", true).withShortNames("ds").withCategories("all"),
      new ApiResource("apps", "v1", "statefulsets", "StatefulSet", true).withShortNames("sts").withCategories("all"),
      new ApiResource("batch", "v1", "jobs", "Job", true).withCategories("all"),
      new ApiResource("batch", "v1", "cronjobs", "CronJob", true).withShortNames("cj").withCategories("all"),
      new ApiResource("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
      new ApiResource("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
      new ApiResource("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
      new ApiResource("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
      new ApiResource("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations",
          "ValidatingWebhookConfiguration", false).withCategories("api-extensions"),
      new ApiResource("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations",
          "MutatingWebhookConfiguration", false).withCategories("api-extensions"),
      new ApiResource("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true).withShortNames("pdb"),
      new ApiResource("networking.k8s.io", "v1", "ingresses", "Ingress", true).withShortNames("ing"),
      new ApiResource("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true).withShortNames("netpol"),
      new ApiResource("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true)
          .withShortNames("hpa").withCategories("all"),
      new ApiResource("coordination.k8s.io", "v1", "leases", "Lease", true),
      new ApiResource("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true),
      new ApiResource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false)
          .withShortNames("crd", "crds").withCategories("api-extensions"),
      // Not stored: answered at once by SelfSubjectAccessReviews, for kubectl auth can-i.
      new ApiResource("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false)
          .withVerbs("create"));

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
          JsonNode names = spec.path("names");
          ApiResource resource = new ApiResource(spec.path("group").asText(), version.path("name").asText(),
              names.path("plural").asText(), names.path("kind").asText(),
              "Namespaced".equals(spec.path("scope").asText()))
              .withShortNames(texts(names.path("shortNames")))
              .withCategories(texts(names.path("categories")));
          all.add(names.hasNonNull("singular") ? resource.withSingular(names.path("singular").asText()) : resource);
        }
      }
    }
    return all;
  }

  private static String[] texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts.toArray(String[]::new);
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
