package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Canary for DESIGN.md, "The embedded cluster", behaviour 1 (discovery).
 * <ul>
 *   <li>{@link #builtInKindsAreDiscoverable()} guards 1: {@code /api}, {@code /apis}, {@code /api/v1},
 *       {@code /apis/G/V} for the built-in kinds a Gloo chart uses, {@code /openapi/v3} and the empty
 *       protobuf {@code /openapi/v2}, as client-go and fabric8 read them.</li>
 *   <li>{@link #servedCrdVersionsAreDiscoverableWhileTheCrdExists()} guards 1: every served version of a
 *       stored CRD, and only while it is stored.</li>
 * </ul>
 */
class DiscoveryCanaryTest extends EmbeddedApiCanary {


  @Test
  void builtInKindsAreDiscoverable() {
    ApiClients.Reply core = clients.get("/api", ApiClients.DISCOVERY_ACCEPT);
    assertEquals(200, core.code(), core.text());
    assertEquals("APIVersions", core.json().path("kind").asText());
    assertEquals(List.of("v1"), texts(core.json().path("versions")));

    ApiClients.Reply groups = clients.get("/apis", ApiClients.DISCOVERY_ACCEPT);
    assertEquals(200, groups.code(), groups.text());
    assertEquals("APIGroupList", groups.json().path("kind").asText());
    List<String> groupNames = new ArrayList<>();
    for (JsonNode group : groups.json().path("groups")) {
      groupNames.add(group.path("name").asText());
      assertTrue(group.path("preferredVersion").hasNonNull("version"), "preferredVersion of " + group);
    }
    for (String expected : List.of("apps", "batch", "rbac.authorization.k8s.io", "admissionregistration.k8s.io",
        "policy", "networking.k8s.io", "autoscaling", "coordination.k8s.io", "apiextensions.k8s.io")) {
      assertTrue(groupNames.contains(expected), "/apis lacks " + expected + ": " + groupNames);
    }
    assertFalse(groupNames.contains("gateway.solo.io"), "no CRD stored yet: " + groupNames);

    JsonNode v1 = clients.get("/api/v1", ApiClients.DISCOVERY_ACCEPT).json();
    assertEquals("APIResourceList", v1.path("kind").asText());
    assertEquals("v1", v1.path("groupVersion").asText());
    JsonNode secrets = resource(v1, "secrets").orElseThrow(() -> new AssertionError("/api/v1 lacks secrets: " + v1));
    assertEquals("Secret", secrets.path("kind").asText());
    assertTrue(secrets.path("namespaced").asBoolean());
    assertTrue(texts(secrets.path("verbs")).containsAll(List.of("create", "get", "list", "update", "patch", "delete")),
        secrets.toString());
    JsonNode namespaces = resource(v1, "namespaces").orElseThrow(() -> new AssertionError("no namespaces: " + v1));
    assertFalse(namespaces.path("namespaced").asBoolean(true), "namespaces are cluster-scoped");

    ApiClients.Reply appsV1 = clients.get("/apis/apps/v1", ApiClients.DISCOVERY_ACCEPT);
    assertEquals(200, appsV1.code(), appsV1.text());
    assertEquals("Deployment", resource(appsV1.json(), "deployments").map(r -> r.path("kind").asText()).orElse(null));

    ApiClients.Reply openApiV3 = clients.get("/openapi/v3", ApiClients.JSON);
    assertEquals(200, openApiV3.code());
    assertEquals(ApiClients.parse("{\"paths\":{}}"), openApiV3.json());
    ApiClients.Reply openApiV2 = clients.get("/openapi/v2",
        "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
    assertEquals(200, openApiV2.code());
    assertEquals("application/com.github.proto-openapi.spec.v2.v1.0+protobuf", openApiV2.contentType());
    assertEquals(0, openApiV2.body().length, "an empty document makes Helm skip schema validation");

    try (KubernetesClient fabric8 = clients.fabric8()) {
      assertEquals("v1.31.4", fabric8.getKubernetesVersion().getGitVersion());
      APIGroup apps = fabric8.getApiGroups().getGroups().stream().filter(g -> g.getName().equals("apps"))
          .findFirst().orElseThrow(() -> new AssertionError("fabric8 sees no apps group"));
      assertEquals("apps/v1", apps.getPreferredVersion().getGroupVersion());
      assertEquals("apps/v1", fabric8.getApiGroup("apps").getPreferredVersion().getGroupVersion(),
          "/apis/apps answers the group document");
      assertTrue(fabric8.hasApiGroup("apps", true));
      assertTrue(fabric8.getApiResources("batch/v1").getResources().stream()
          .anyMatch(r -> r.getName().equals("jobs") && r.getKind().equals("Job")));
    }
  }

  @Test
  void servedCrdVersionsAreDiscoverableWhileTheCrdExists() {
    assertEquals(404, clients.get("/apis/gateway.solo.io/v1", ApiClients.DISCOVERY_ACCEPT).code());

    ApiClients.Reply created = clients.sendJson("POST", Manifests.CRDS, ApiClients.JSON, Manifests.virtualServiceCrd());
    assertEquals(201, created.code(), created.text());

    JsonNode group = null;
    for (JsonNode g : clients.get("/apis", ApiClients.DISCOVERY_ACCEPT).json().path("groups")) {
      if (g.path("name").asText().equals("gateway.solo.io")) {
        group = g;
      }
    }
    assertTrue(group != null, "/apis lists the CRD's group");
    assertEquals(List.of("gateway.solo.io/v1"), texts(group.path("versions"), "groupVersion"),
        "only served versions are listed");

    ApiClients.Reply v1 = clients.get("/apis/gateway.solo.io/v1", ApiClients.DISCOVERY_ACCEPT);
    assertEquals(200, v1.code(), v1.text());
    JsonNode vs = resource(v1.json(), "virtualservices").orElseThrow(() -> new AssertionError(v1.text()));
    assertEquals("VirtualService", vs.path("kind").asText());
    assertTrue(vs.path("namespaced").asBoolean());
    assertEquals(404, clients.get("/apis/gateway.solo.io/v2alpha1", ApiClients.DISCOVERY_ACCEPT).code(),
        "a version with served: false is not discoverable");

    try (KubernetesClient fabric8 = clients.fabric8()) {
      List<APIResource> resources = fabric8.getApiResources("gateway.solo.io/v1").getResources();
      assertTrue(resources.stream().anyMatch(r -> r.getName().equals("virtualservices")), resources.toString());
    }

    assertEquals(200, clients.send("DELETE", Manifests.CRDS + "/" + Manifests.VS_CRD_NAME,
        ApiClients.JSON, null, null).code());
    assertEquals(404, clients.get("/apis/gateway.solo.io/v1", ApiClients.DISCOVERY_ACCEPT).code(),
        "a deleted CRD's versions leave discovery");
  }

  private static Optional<JsonNode> resource(JsonNode resourceList, String plural) {
    for (JsonNode r : resourceList.path("resources")) {
      if (r.path("name").asText().equals(plural)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }
}
