package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Behaviour 1: the discovery documents client-go and Helm read before any call
 * ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/G/V}, {@code /openapi/v2|v3}).
 * Answered from the resource table, so a CRD's versions appear as soon as it is stored.
 *
 * <p>Also the aggregated form (apidiscovery.k8s.io/v2, GA since Kubernetes 1.30): a client that
 * asks for it gets every group's resources from {@code /api} and {@code /apis} in two requests, as
 * from a real API server, instead of one request per group version. kubectl and Helm ask for it.
 */
final class Discovery {

  static final String OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
  private static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
  /** Subresources served besides status, listed as a real API server lists them. */
  private static final List<Subresource> SUBRESOURCES = List.of(
      new Subresource("", "pods", "log", "Pod", List.of("get")),
      new Subresource("", "pods", "proxy", "PodProxyOptions", List.of("create", "delete", "get", "patch", "update")));

  private record Subresource(String group, String plural, String name, String kind, List<String> verbs) {
  }

  private final ApiResourceTable table;
  private final ObjectMapper json = new ObjectMapper();

  Discovery(ApiResourceTable table) {
    this.table = table;
  }

  /** The discovery answer for this path and Accept header, or empty when it is not a discovery path. */
  Optional<ApiResponse> answer(String path, String accept) {
    String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    if ((p.equals("/api") || p.equals("/apis")) && acceptsAggregated(accept)) {
      return Optional.of(new ApiResponse(200, AGGREGATED_V2,
          aggregated(p.equals("/api")).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    if (p.equals("/openapi/v3")) {
      return Optional.of(ApiResponse.json(200, "{\"paths\":{}}"));
    }
    if (p.equals("/openapi/v2")) {
      // An empty protobuf document: Helm then skips schema validation instead of failing on it.
      return Optional.of(new ApiResponse(200, OPENAPI_V2_PROTOBUF, new byte[0]));
    }
    if (p.equals("/api")) {
      return Optional.of(ApiResponse.json(200,
          "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
              + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1\"}]}"));
    }
    if (p.equals("/apis")) {
      return Optional.of(ApiResponse.json(200, groupList().toString()));
    }
    String[] parts = p.substring(1).split("/");
    if (parts.length == 2 && parts[0].equals("api")) {
      return resourceList("", parts[1]);
    }
    if (parts.length == 3 && parts[0].equals("apis")) {
      return resourceList(parts[1], parts[2]);
    }
    if (parts.length == 2 && parts[0].equals("apis")) {
      return group(parts[1]);
    }
    return Optional.empty();
  }

  private static boolean acceptsAggregated(String accept) {
    if (accept == null) {
      return false;
    }
    for (String type : accept.split(",")) {
      if (type.replace(" ", "").equals(AGGREGATED_V2)) {
        return true;
      }
    }
    return false;
  }

  /** {@code /api} (the core group) or {@code /apis} (the others), every version's resources inline. */
  private ObjectNode aggregated(boolean core) {
    Map<String, Map<String, List<ApiResource>>> groups = new LinkedHashMap<>();
    for (ApiResource r : table.all()) {
      if (r.group().isEmpty() == core) {
        groups.computeIfAbsent(r.group(), g -> new LinkedHashMap<>())
            .computeIfAbsent(r.version(), v -> new java.util.ArrayList<>()).add(r);
      }
    }
    ObjectNode list = json.createObjectNode().put("kind", "APIGroupDiscoveryList")
        .put("apiVersion", "apidiscovery.k8s.io/v2");
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    groups.forEach((group, versions) -> {
      ObjectNode item = items.addObject();
      ObjectNode metadata = item.putObject("metadata");
      if (!core) {
        metadata.put("name", group);
      }
      ArrayNode versionList = item.putArray("versions");
      versions.forEach((version, resources) -> {
        ObjectNode v = versionList.addObject().put("version", version).put("freshness", "Current");
        ArrayNode out = v.putArray("resources");
        resources.forEach(r -> out.add(aggregatedResource(r)));
      });
    });
    return list;
  }

  private ObjectNode aggregatedResource(ApiResource r) {
    ObjectNode item = json.createObjectNode().put("resource", r.plural());
    item.set("responseKind", kind(r.group(), r.version(), r.kind()));
    item.put("scope", r.namespaced() ? "Namespaced" : "Cluster").put("singularResource", r.singular());
    r.verbs().forEach(item.putArray("verbs")::add);
    namesAndCategories(item, r);
    ArrayNode subresources = json.createArrayNode();
    for (Subresource sub : subresourcesOf(r)) {
      ObjectNode subItem = subresources.addObject().put("subresource", sub.name());
      subItem.set("responseKind", kind(r.group(), r.version(), sub.kind()));
      sub.verbs().forEach(subItem.putArray("verbs")::add);
    }
    if (!subresources.isEmpty()) {
      item.set("subresources", subresources);
    }
    return item;
  }

  // kubectl resolves "get ns" and "get all" through these: without them it knows no such type.
  private static void namesAndCategories(ObjectNode item, ApiResource r) {
    if (!r.shortNames().isEmpty()) {
      r.shortNames().forEach(item.putArray("shortNames")::add);
    }
    if (!r.categories().isEmpty()) {
      r.categories().forEach(item.putArray("categories")::add);
    }
  }

  /** A resource's subresources, the same in both forms: status where it can be updated, then the served ones. */
  private static List<Subresource> subresourcesOf(ApiResource r) {
    List<Subresource> subresources = new java.util.ArrayList<>();
    if (r.verbs().contains("update")) {
      subresources.add(new Subresource(r.group(), r.plural(), "status", r.kind(), List.of("get", "patch", "update")));
    }
    SUBRESOURCES.stream().filter(sub -> sub.group().equals(r.group()) && sub.plural().equals(r.plural()))
        .forEach(subresources::add);
    return subresources;
  }

  private ObjectNode kind(String group, String version, String kind) {
    return json.createObjectNode().put("group", group).put("version", version).put("kind", kind);
  }

  private ObjectNode groupList() {
    Map<String, Set<String>> versionsByGroup = new LinkedHashMap<>();
    for (ApiResource r : table.all()) {
      if (!r.group().isEmpty()) {
        versionsByGroup.computeIfAbsent(r.group(), g -> new LinkedHashSet<>()).add(r.version());
      }
    }
    ObjectNode list = json.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    versionsByGroup.forEach((group, versions) -> {
      ObjectNode g = groups.addObject().put("name", group);
      ArrayNode vs = g.putArray("versions");
      versions.forEach(v -> vs.addObject().put("groupVersion", group + "/" + v).put("version", v));
      String preferred = versions.iterator().next();
      g.putObject("preferredVersion").put("groupVersion", group + "/" + preferred).put("version", preferred);
    });
    return list;
  }

  /** {@code /apis/GROUP}: one group's versions, as fabric8's getApiGroup(name) reads them. */
  private Optional<ApiResponse> group(String name) {
    for (var g : groupList().path("groups")) {
      if (g.path("name").asText().equals(name)) {
        ObjectNode group = ((ObjectNode) g.deepCopy()).put("kind", "APIGroup").put("apiVersion", "v1");
        return Optional.of(ApiResponse.json(200, group.toString()));
      }
    }
    return Optional.of(ApiResponse.status(404, "NotFound", "the server could not find the requested resource (group "
        + name + ")"));
  }

  private Optional<ApiResponse> resourceList(String group, String version) {
    List<ApiResource> resources = table.all().stream()
        .filter(r -> r.group().equals(group) && r.version().equals(version)).toList();
    if (resources.isEmpty()) {
      return Optional.of(ApiResponse.status(404, "NotFound",
          "the server could not find the requested resource (" + (group.isEmpty() ? "" : group + "/") + version + ")"));
    }
    ObjectNode list = json.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode items = list.putArray("resources");
    for (ApiResource r : resources) {
      ObjectNode item = items.addObject().put("name", r.plural()).put("singularName", r.singular())
          .put("namespaced", r.namespaced()).put("kind", r.kind());
      r.verbs().forEach(item.putArray("verbs")::add);
      namesAndCategories(item, r);
      for (Subresource sub : subresourcesOf(r)) {
        ObjectNode subItem = items.addObject().put("name", r.plural() + "/" + sub.name()).put("singularName", "")
            .put("namespaced", r.namespaced()).put("kind", sub.kind());
        sub.verbs().forEach(subItem.putArray("verbs")::add);
      }
    }
    return Optional.of(ApiResponse.json(200, list.toString()));
  }
}
