package io.glooupgrade.gloo.canary;

import io.glooupgrade.gloo.GlooInstallation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.evidence.ObjectChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A custom resource changed for the new version (canary guide, step 6): the docs' petstore
 * VirtualService gains a route at its own path with every retry option the new version knows.
 * Both versions read the same VirtualService (each Gloo watches every namespace), and a second
 * VirtualService on the domain {@code *} would conflict with the first, so the change is a route
 * in the existing one. The rollback guide's step 3 reverts it by removing that route.
 */
public final class CanaryRoute {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceDefinitionContext VIRTUAL_SERVICES = new ResourceDefinitionContext.Builder()
      .withGroup("gateway.solo.io").withVersion("v1").withPlural("virtualservices").withKind("VirtualService")
      .withNamespaced(true).build();

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  /** The VirtualService {@code namespace/name} to change (the docs': {@code gloo-system/default}). */
  public CanaryRoute(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /**
   * Adds (or replaces) the route {@code path} to the petstore with the retry options of the
   * installation's version, and fails if the cluster pruned any of them (its CRDs predate the version).
   */
  public void add(GlooInstallation forVersion, String path) {
    List<RetryOption> options = RetryOption.knownBy(forVersion.ossVersion());
    ObjectNode route = route(path, options);
    GenericKubernetesResource stored = edit(routes -> {
      routes.removeIf(r -> isRouteAt(r, path));
      routes.add(route);
    });
    ObjectNode storedRoute = routesOf(stored).stream().filter(r -> isRouteAt(r, path)).findFirst().orElseThrow(() ->
        new AssertionError("VirtualService " + namespace + "/" + name + " has no route " + path + " after the change"));
    List<String> pruned = options.stream().map(RetryOption::field)
        .filter(f -> !storedRoute.path("options").path("retries").has(f)).toList();
    if (!pruned.isEmpty()) {
      throw new AssertionError("the cluster dropped the retry options " + pruned + " from the route " + path
          + " of VirtualService " + namespace + "/" + name + ", though Gloo Edge " + forVersion.version()
          + " knows them: the CRDs of " + forVersion.version() + " are not applied");
    }
  }

  /** Removes the route {@code path}: the change made for the new version, reverted. */
  public void remove(String path) {
    edit(routes -> routes.removeIf(r -> isRouteAt(r, path)));
  }

  /** The same, for a cleanup: nothing to do when the VirtualService or the route is already gone. */
  public void removeIfPresent(String path) {
    GenericKubernetesResource vs = resource().get();
    if (vs != null && routesOf(vs).stream().anyMatch(r -> isRouteAt(r, path))) {
      remove(path);
    }
  }

  /** {@code kubectl edit virtualservice NAME -n NS}, as a cleanup names it. */
  public String editCommand() {
    return "kubectl edit virtualservice " + name + " -n " + namespace;
  }

  // kubectl edit: read, change the routes, write back with the version read; both Gloo installs
  // write statuses on the same object, so a conflict means "read again", a few times at most.
  private GenericKubernetesResource edit(java.util.function.Consumer<List<ObjectNode>> change) {
    Evidence.documentedCommand(editCommand());
    for (int attempt = 1; ; attempt++) {
      GenericKubernetesResource vs = resource().get();
      String before = Serialization.asYaml(vs.getAdditionalProperties().get("spec"));
      List<ObjectNode> routes = routesOf(vs);
      change.accept(routes);
      ObjectNode spec = JSON.valueToTree(vs.getAdditionalProperties().get("spec"));
      ArrayNode list = ((ObjectNode) spec.path("virtualHost")).putArray("routes");
      routes.forEach(list::add);
      vs.getAdditionalProperties().put("spec", JSON.convertValue(spec, Map.class));
      try {
        GenericKubernetesResource stored = client.genericKubernetesResources(VIRTUAL_SERVICES).inNamespace(namespace)
            .resource(vs).update();
        ObjectChange.attach("VirtualService " + namespace + "/" + name + " spec", before,
            Serialization.asYaml(stored.getAdditionalProperties().get("spec")));
        return stored;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw new IllegalStateException("the cluster refused the change to VirtualService " + namespace + "/" + name
              + " (HTTP " + e.getCode() + "): " + (e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()),
              e);
        }
      }
    }
  }

  private Resource<GenericKubernetesResource> resource() {
    return client.genericKubernetesResources(VIRTUAL_SERVICES).inNamespace(namespace).withName(name);
  }

  private static List<ObjectNode> routesOf(GenericKubernetesResource vs) {
    if (vs == null) {
      throw new AssertionError("the VirtualService to change does not exist");
    }
    List<ObjectNode> routes = new ArrayList<>();
    JSON.valueToTree(vs.getAdditionalProperties().get("spec")).path("virtualHost").path("routes")
        .forEach(r -> routes.add((ObjectNode) r));
    return routes;
  }

  private static boolean isRouteAt(ObjectNode route, String path) {
    for (var matcher : route.path("matchers")) {
      if (matcher.path("exact").asText().equals(path)) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode route(String path, List<RetryOption> options) {
    Map<String, Object> retries = new LinkedHashMap<>();
    retries.put("retryOn", "connect-failure");
    retries.put("numRetries", 3);
    retries.put("perTryTimeout", "5s");
    options.forEach(o -> retries.put(o.field(), o.sample()));
    Map<String, Object> route = new LinkedHashMap<>();
    route.put("matchers", List.of(Map.of("exact", path)));
    route.put("options", Map.of("prefixRewrite", "/api/pets", "retries", retries));
    route.put("routeAction", Map.of("single", Map.of("upstream", Map.of("name", "default-petstore-8080",
        "namespace", namespace))));
    return JSON.valueToTree(route);
  }
}
