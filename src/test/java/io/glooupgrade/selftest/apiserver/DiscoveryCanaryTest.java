package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary for DESIGN.md, "The embedded cluster", behaviour 1 (discovery).
 * <ul>
 *   <li>{@link #builtInKindsAreDiscoverable()} guards 1: {@code /api}, {@code /apis}, {@code /api/v1},
 *       {@code /apis/G/V} for the built-in kinds a Gloo chart uses, {@code /openapi/v3} and the empty
 *       protobuf {@code /openapi/v2}, as client-go and fabric8 read them.</li>
 *   <li>{@link #servedCrdVersionsAreDiscoverableWhileTheCrdExists()} guards 1: every served version of a
 *       stored CRD, and only while it is stored.</li>
 *   <li>{@link #resourcesCarryTheShortNamesCategoriesAndSubresourcesOfARealServer()} guards 11: the
 *       {@code shortNames}, {@code categories} and {@code verbs} a real API server lists for built-in kinds
 *       and a CRD's {@code spec.names}, and {@code pods/log}.</li>
 *   <li>{@link #aggregatedDiscoveryListsEveryGroupsResourcesInOneDocument()} guards 1: the aggregated form
 *       (apidiscovery.k8s.io/v2) that kubectl and Helm ask for, with each resource's scope, short names and
 *       subresources, a stored CRD's group included; a client that does not ask for it gets the plain form.</li>
 *   <li>{@link #realKubectlResolvesShortNamesAndCategories()} guards 11 with the real kubectl: {@code get crd
 *       upstreams.gloo.solo.io} (the first line of two Gloo hook Jobs), {@code get ns}, {@code get deploy -n},
 *       a CRD's short name and {@code get all}.</li>
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

  @Test
  void resourcesCarryTheShortNamesCategoriesAndSubresourcesOfARealServer() {
    JsonNode v1 = clients.get("/api/v1", ApiClients.DISCOVERY_ACCEPT).json();
    JsonNode pods = resource(v1, "pods").orElseThrow(() -> new AssertionError("no pods: " + v1));
    assertEquals(List.of("po"), texts(pods.path("shortNames")));
    assertEquals(List.of("all"), texts(pods.path("categories")));
    assertEquals(List.of("ns"), texts(resource(v1, "namespaces").orElseThrow().path("shortNames")));
    assertFalse(texts(resource(v1, "namespaces").orElseThrow().path("verbs")).contains("deletecollection"),
        "a real API server offers no deletecollection of namespaces");
    for (String[] expected : new String[][] {{"services", "svc"}, {"endpoints", "ep"}, {"configmaps", "cm"},
        {"serviceaccounts", "sa"}, {"events", "ev"}, {"persistentvolumeclaims", "pvc"}, {"nodes", "no"}}) {
      assertEquals(List.of(expected[1]), texts(resource(v1, expected[0]).orElseThrow().path("shortNames")),
          expected[0]);
    }
    assertFalse(resource(v1, "secrets").orElseThrow().has("shortNames"), "secrets have no short name");
    JsonNode log = resource(v1, "pods/log").orElseThrow(() -> new AssertionError("no pods/log: " + v1));
    assertEquals(List.of("get"), texts(log.path("verbs")));
    assertEquals("Pod", log.path("kind").asText());

    JsonNode apps = clients.get("/apis/apps/v1", ApiClients.DISCOVERY_ACCEPT).json();
    assertEquals(List.of("deploy"), texts(resource(apps, "deployments").orElseThrow().path("shortNames")));
    assertEquals(List.of("all"), texts(resource(apps, "deployments").orElseThrow().path("categories")));
    JsonNode batch = clients.get("/apis/batch/v1", ApiClients.DISCOVERY_ACCEPT).json();
    assertEquals(List.of("all"), texts(resource(batch, "jobs").orElseThrow().path("categories")));
    assertEquals(List.of("cj"), texts(resource(batch, "cronjobs").orElseThrow().path("shortNames")));
    JsonNode crds = resource(clients.get("/apis/apiextensions.k8s.io/v1", ApiClients.DISCOVERY_ACCEPT).json(),
        "customresourcedefinitions").orElseThrow();
    assertEquals(List.of("crd", "crds"), texts(crds.path("shortNames")));
    assertEquals(List.of("api-extensions"), texts(crds.path("categories")));
    for (String[] expected : new String[][] {{"/apis/policy/v1", "poddisruptionbudgets", "pdb"},
        {"/apis/networking.k8s.io/v1", "ingresses", "ing"}, {"/apis/networking.k8s.io/v1", "networkpolicies", "netpol"},
        {"/apis/autoscaling/v2", "horizontalpodautoscalers", "hpa"}}) {
      JsonNode list = clients.get(expected[0], ApiClients.DISCOVERY_ACCEPT).json();
      assertEquals(List.of(expected[2]), texts(resource(list, expected[1]).orElseThrow().path("shortNames")),
          expected[1]);
    }

    assertEquals(201, clients.sendJson("POST", Manifests.CRDS, ApiClients.JSON, upstreamCrd()).code());
    JsonNode gloo = clients.get("/apis/gloo.solo.io/v1", ApiClients.DISCOVERY_ACCEPT).json();
    JsonNode upstreams = resource(gloo, "upstreams").orElseThrow(() -> new AssertionError(gloo.toString()));
    assertEquals(List.of("us"), texts(upstreams.path("shortNames")), "from the CRD's spec.names.shortNames");
    assertEquals(List.of("gloo", "solo-io"), texts(upstreams.path("categories")), "from spec.names.categories");
    assertEquals("upstream", upstreams.path("singularName").asText());
  }

  @Test
  void aggregatedDiscoveryListsEveryGroupsResourcesInOneDocument() {
    String aggregated = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    String clientGoAccept = aggregated + ",application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"
        + ",application/json";
    ApiClients.Reply core = clients.get("/api", clientGoAccept);
    assertEquals(200, core.code(), core.text());
    assertEquals(aggregated, core.contentType(), "client-go reads the aggregated form by this content type");
    assertEquals("APIGroupDiscoveryList", core.json().path("kind").asText());
    assertEquals("apidiscovery.k8s.io/v2", core.json().path("apiVersion").asText());
    JsonNode coreV1 = core.json().path("items").path(0).path("versions").path(0);
    assertEquals("v1", coreV1.path("version").asText());
    JsonNode pods = aggregatedResource(coreV1, "pods").orElseThrow(() -> new AssertionError(core.text()));
    assertEquals("Namespaced", pods.path("scope").asText());
    assertEquals("Pod", pods.path("responseKind").path("kind").asText());
    assertEquals(List.of("po"), texts(pods.path("shortNames")));
    assertEquals(List.of("status", "log", "proxy"), texts(pods.path("subresources"), "subresource"));
    assertEquals("Cluster", aggregatedResource(coreV1, "namespaces").orElseThrow().path("scope").asText());

    assertEquals(201, clients.sendJson("POST", Manifests.CRDS, ApiClients.JSON, upstreamCrd()).code());
    ApiClients.Reply groups = clients.get("/apis", clientGoAccept);
    assertEquals(aggregated, groups.contentType());
    JsonNode apps = null;
    JsonNode gloo = null;
    for (JsonNode group : groups.json().path("items")) {
      apps = group.path("metadata").path("name").asText().equals("apps") ? group : apps;
      gloo = group.path("metadata").path("name").asText().equals("gloo.solo.io") ? group : gloo;
    }
    assertTrue(apps != null && gloo != null, "apps and the stored CRD's group: " + groups.text());
    JsonNode deployments = aggregatedResource(apps.path("versions").path(0), "deployments").orElseThrow();
    assertEquals(List.of("deploy"), texts(deployments.path("shortNames")));
    assertEquals("apps", deployments.path("responseKind").path("group").asText());
    JsonNode upstreams = aggregatedResource(gloo.path("versions").path(0), "upstreams").orElseThrow();
    assertEquals(List.of("us"), texts(upstreams.path("shortNames")));
    assertEquals(List.of("gloo", "solo-io"), texts(upstreams.path("categories")));
    assertEquals("upstream", upstreams.path("singularResource").asText());

    ApiClients.Reply plain = clients.get("/apis", ApiClients.DISCOVERY_ACCEPT);
    assertEquals("APIGroupList", plain.json().path("kind").asText(), "without asking, the plain form");
  }

  @Test
  void realKubectlResolvesShortNamesAndCategories(@TempDir Path work) {
    Kubectl kubectl = Kubectl.against(api, EmbeddedApiServer.ADMIN_TOKEN, work);
    assertEquals(201, clients.sendJson("POST", Manifests.CRDS, ApiClients.JSON, upstreamCrd()).code());
    assertEquals(201, clients.sendJson("POST", "/api/v1/namespaces", ApiClients.JSON,
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + Manifests.NAMESPACE
            + "\"}}").code());
    assertEquals(201, clients.sendJson("POST", Manifests.DEPLOYMENTS, ApiClients.JSON, Manifests.glooDeployment())
        .code());
    assertEquals(201, clients.sendJson("POST", "/apis/gloo.solo.io/v1/namespaces/" + Manifests.NAMESPACE
        + "/upstreams", ApiClients.JSON, "{\"apiVersion\":\"gloo.solo.io/v1\",\"kind\":\"Upstream\","
        + "\"metadata\":{\"name\":\"petstore\",\"namespace\":\"" + Manifests.NAMESPACE + "\"}}").code());

    Kubectl.Result crd = kubectl.run("get", "crd", "upstreams.gloo.solo.io");
    assertEquals(0, crd.exitCode(), crd.toString());
    assertTrue(crd.stdout().contains("upstreams.gloo.solo.io"), crd.toString());
    Kubectl.Result namespaces = kubectl.run("get", "ns", "-o", "name");
    assertEquals(0, namespaces.exitCode(), namespaces.toString());
    assertTrue(namespaces.stdout().lines().anyMatch(("namespace/" + Manifests.NAMESPACE)::equals),
        namespaces.toString());
    Kubectl.Result deployments = kubectl.run("get", "deploy", "-n", Manifests.NAMESPACE, "-o", "name");
    assertEquals(0, deployments.exitCode(), deployments.toString());
    assertEquals(List.of("deployment.apps/gloo"), deployments.stdout().lines().toList(), deployments.toString());
    Kubectl.Result upstreams = kubectl.run("get", "us", "-n", Manifests.NAMESPACE, "-o", "name");
    assertEquals(0, upstreams.exitCode(), upstreams.toString());
    assertEquals(List.of("upstream.gloo.solo.io/petstore"), upstreams.stdout().lines().toList(), upstreams.toString());
    Kubectl.Result all = kubectl.run("get", "all", "-n", Manifests.NAMESPACE, "-o", "name");
    assertEquals(0, all.exitCode(), all.toString());
    assertTrue(all.stdout().lines().anyMatch("deployment.apps/gloo"::equals), all.toString());
    Kubectl.Result gloo = kubectl.run("get", "gloo", "-n", Manifests.NAMESPACE, "-o", "name");
    assertEquals(0, gloo.exitCode(), gloo.toString());
    assertEquals(List.of("upstream.gloo.solo.io/petstore"), gloo.stdout().lines().toList(),
        "the CRD's category: " + gloo);
  }

  /** Gloo's Upstream CRD, cut down to its names and an open schema. */
  private static String upstreamCrd() {
    return """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"upstreams.gloo.solo.io"},
         "spec":{"group":"gloo.solo.io","scope":"Namespaced",
          "names":{"kind":"Upstream","listKind":"UpstreamList","plural":"upstreams","singular":"upstream",
                   "shortNames":["us"],"categories":["gloo","solo-io"]},
          "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
            "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """;
  }

  private static Optional<JsonNode> resource(JsonNode resourceList, String plural) {
    for (JsonNode r : resourceList.path("resources")) {
      if (r.path("name").asText().equals(plural)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> aggregatedResource(JsonNode version, String plural) {
    for (JsonNode r : version.path("resources")) {
      if (r.path("resource").asText().equals(plural)) {
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
