package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary for authentication and RBAC (what hook Jobs running a real kubectl as their ServiceAccount
 * meet on a real cluster; GLOO_CHARTS.md section 6: the cleanup Job's {@code get crd} is Forbidden).
 * <ul>
 *   <li>{@link #tokensAuthenticateWhileIssuedAndTheirServiceAccountExists()}: no token or the
 *       administrator's token act as admin; an issued token is its ServiceAccount while that is
 *       stored; any other token, or a non-bearer header, is 401 Unauthorized.</li>
 *   <li>{@link #clusterRoleBindingsGrantEverywhereAndDenialsAreWordedAsARealServers()}: verbs from the
 *       method and query (get, list, watch, create, update, patch, delete, deletecollection), API
 *       groups and {@code *}; a denial is 403 Forbidden worded as kube-apiserver words it, at the
 *       cluster scope or in the namespace; a binding whose role is missing says so.</li>
 *   <li>{@link #roleBindingsGrantOnlyInTheirNamespace()}: a RoleBinding to a Role or a ClusterRole
 *       grants only in its own namespace; ServiceAccount subjects default to the binding's namespace;
 *       Group and User subjects; resourceNames (and a list by {@code metadata.name}); subresources.</li>
 *   <li>{@link #discoveryVersionAndHealthStayOpenButOtherPathsDoNot()}: the bootstrap policy.</li>
 *   <li>{@link #selfSubjectAccessReviewsAnswerAsTheAuthoriserDecides()}: allowed and reason, for
 *       resources and paths, impersonation by the administrator, and the group in discovery.</li>
 *   <li>{@link #realKubectlAsTheCleanupJobsServiceAccount()}: the real kubectl on the HTTPS port (it
 *       sends no token over plain HTTP), as gloo-resource-cleanup, gets Forbidden on {@code get crd
 *       upstreams.gloo.solo.io}, may delete the webhook and the Upstreams, and {@code auth can-i}
 *       answers no and yes, also for the administrator's {@code --as}; an unknown token is "You must be
 *       logged in to the server".</li>
 * </ul>
 */
class RbacCanaryTest extends EmbeddedApiCanary {

  private static final String NS = Manifests.NAMESPACE;
  private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1";
  private static final String CLEANUP = "gloo-resource-cleanup";
  private static final String CLEANUP_USER = "system:serviceaccount:" + NS + ":" + CLEANUP;
  private static final String UPSTREAMS = "/apis/gloo.solo.io/v1/namespaces/" + NS + "/upstreams";
  private static final String WEBHOOKS = "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations";

  private String cleanupToken;
  private ApiClients cleanup;

  @BeforeEach
  void theCleanupJobsServiceAccountAndRbac() {
    created(clients.sendJson("POST", "/api/v1/namespaces", ApiClients.JSON, namespace(NS)));
    created(clients.sendJson("POST", "/api/v1/namespaces", ApiClients.JSON, namespace("default")));
    created(clients.sendJson("POST", Manifests.CRDS, ApiClients.JSON, upstreamCrd()));
    created(clients.sendJson("POST", "/api/v1/namespaces/" + NS + "/serviceaccounts", ApiClients.JSON,
        serviceAccount(CLEANUP)));
    // The chart's cleanup RBAC: webhook delete and list/delete on gloo and gateway resources, no get on CRDs.
    created(clients.sendJson("POST", RBAC + "/clusterroles", ApiClients.JSON, """
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"gloo-resource-cleanup"},
         "rules":[{"apiGroups":["admissionregistration.k8s.io"],"resources":["validatingwebhookconfigurations"],
                   "verbs":["delete"]},
                  {"apiGroups":["gateway.solo.io","gloo.solo.io"],"resources":["*"],"verbs":["list","delete"]}]}
        """));
    created(clients.sendJson("POST", RBAC + "/clusterrolebindings", ApiClients.JSON,
        binding("ClusterRoleBinding", "gloo-resource-cleanup", null, "ClusterRole", "gloo-resource-cleanup",
            "{\"kind\":\"ServiceAccount\",\"name\":\"" + CLEANUP + "\",\"namespace\":\"" + NS + "\"}")));
    cleanupToken = api.serviceAccountTokens().issue(NS, CLEANUP);
    cleanup = new ApiClients(api, cleanupToken);
  }

  @Test
  void tokensAuthenticateWhileIssuedAndTheirServiceAccountExists() {
    ApiClients.Reply unknown = new ApiClients(api, "a-token-nobody-issued").get("/api/v1/namespaces");
    assertEquals(401, unknown.code(), unknown.text());
    assertEquals(ApiClients.parse("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}"), unknown.json());
    assertFalse(unknown.text().contains("a-token-nobody-issued"), "a token never reaches an answer");
    assertEquals(401, clients.send("GET", "/api/v1/namespaces", ApiClients.JSON, null, null, "Basic dXNlcjpwdw==")
        .code(), "only bearer tokens authenticate");
    assertEquals(200, clients.send("GET", "/api/v1/namespaces", ApiClients.JSON, null, null, null).code(),
        "no Authorization header: the administrator (the harness, Helm, the controllers)");
    assertEquals(200, clients.get("/api/v1/namespaces").code(), "the administrator's token");

    String early = api.serviceAccountTokens().issue(NS, "gloo-resource-migration");
    ApiClients migration = new ApiClients(api, early);
    assertEquals(401, migration.get("/version").code(), "the ServiceAccount does not exist yet");
    created(clients.sendJson("POST", "/api/v1/namespaces/" + NS + "/serviceaccounts", ApiClients.JSON,
        serviceAccount("gloo-resource-migration")));
    assertEquals(200, migration.get("/version").code());
    assertEquals(200, clients.send("DELETE", "/api/v1/namespaces/" + NS + "/serviceaccounts/gloo-resource-migration",
        ApiClients.JSON, null, null).code());
    assertEquals(401, migration.get("/version").code(), "a deleted ServiceAccount's token no longer works");
    assertNotEquals(early, api.serviceAccountTokens().issue(NS, "gloo-resource-migration"), "tokens are random");
  }

  @Test
  void clusterRoleBindingsGrantEverywhereAndDenialsAreWordedAsARealServers() {
    created(clients.sendJson("POST", UPSTREAMS, ApiClients.JSON, upstream("petstore")));

    forbidden(cleanup.get(Manifests.CRDS + "/upstreams.gloo.solo.io"),
        "customresourcedefinitions.apiextensions.k8s.io \"upstreams.gloo.solo.io\" is forbidden: User \""
            + CLEANUP_USER + "\" cannot get resource \"customresourcedefinitions\" in API group "
            + "\"apiextensions.k8s.io\" at the cluster scope");
    assertEquals(200, cleanup.get(UPSTREAMS).code(), "list, from a ClusterRoleBinding, in any namespace");
    assertEquals(200, cleanup.get("/apis/gloo.solo.io/v1/namespaces/default/upstreams").code());
    forbidden(cleanup.get(UPSTREAMS + "?watch=true"), "upstreams.gloo.solo.io is forbidden: User \"" + CLEANUP_USER
        + "\" cannot watch resource \"upstreams\" in API group \"gloo.solo.io\" in the namespace \"" + NS + "\"");
    forbidden(cleanup.get(UPSTREAMS + "/petstore"), "upstreams.gloo.solo.io \"petstore\" is forbidden: User \""
        + CLEANUP_USER + "\" cannot get resource \"upstreams\" in API group \"gloo.solo.io\" in the namespace \""
        + NS + "\"");
    forbidden(cleanup.sendJson("POST", UPSTREAMS, ApiClients.JSON, upstream("other")), "upstreams.gloo.solo.io is "
        + "forbidden: User \"" + CLEANUP_USER + "\" cannot create resource \"upstreams\" in API group \"gloo.solo.io\" "
        + "in the namespace \"" + NS + "\"");
    forbidden(cleanup.sendJson("PUT", UPSTREAMS + "/petstore", ApiClients.JSON, upstream("petstore")),
        "upstreams.gloo.solo.io \"petstore\" is forbidden: User \"" + CLEANUP_USER + "\" cannot update resource "
            + "\"upstreams\" in API group \"gloo.solo.io\" in the namespace \"" + NS + "\"");
    forbidden(cleanup.sendJson("PATCH", UPSTREAMS + "/petstore", ApiClients.MERGE_PATCH, "{}"),
        "upstreams.gloo.solo.io \"petstore\" is forbidden: User \"" + CLEANUP_USER + "\" cannot patch resource "
            + "\"upstreams\" in API group \"gloo.solo.io\" in the namespace \"" + NS + "\"");
    forbidden(cleanup.send("DELETE", UPSTREAMS, ApiClients.JSON, null, null), "upstreams.gloo.solo.io is forbidden: "
        + "User \"" + CLEANUP_USER + "\" cannot deletecollection resource \"upstreams\" in API group \"gloo.solo.io\" "
        + "in the namespace \"" + NS + "\"");
    forbidden(cleanup.get("/api/v1/namespaces/" + NS + "/secrets"), "secrets is forbidden: User \"" + CLEANUP_USER
        + "\" cannot list resource \"secrets\" in API group \"\" in the namespace \"" + NS + "\"");
    forbidden(cleanup.get("/api/v1/namespaces/" + NS), "namespaces \"" + NS + "\" is forbidden: User \""
        + CLEANUP_USER + "\" cannot get resource \"namespaces\" in API group \"\" in the namespace \"" + NS + "\"");
    assertEquals(200, cleanup.send("DELETE", UPSTREAMS + "/petstore", ApiClients.JSON, null, null).code());
    assertEquals(404, cleanup.send("DELETE", WEBHOOKS + "/gloo-gateway-validation-webhook-" + NS, ApiClients.JSON,
        null, null).code(), "allowed, and then not found");

    // A binding whose role is missing grants nothing, and the denial says why.
    created(clients.sendJson("POST", RBAC + "/clusterrolebindings", ApiClients.JSON,
        binding("ClusterRoleBinding", "dangling", null, "ClusterRole", "gone",
            "{\"kind\":\"ServiceAccount\",\"name\":\"" + CLEANUP + "\",\"namespace\":\"" + NS + "\"}")));
    forbidden(cleanup.get("/api/v1/nodes"), "nodes is forbidden: User \"" + CLEANUP_USER + "\" cannot list resource "
        + "\"nodes\" in API group \"\" at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" "
        + "not found");
  }

  @Test
  void roleBindingsGrantOnlyInTheirNamespace() {
    String jobs = "/apis/batch/v1/namespaces/" + NS + "/jobs";
    created(clients.sendJson("POST", RBAC + "/namespaces/" + NS + "/roles", ApiClients.JSON, """
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role",
         "metadata":{"name":"gloo-resource-rollout-cleanup","namespace":"%s"},
         "rules":[{"apiGroups":["batch"],"resources":["jobs"],"verbs":["get","list","delete"]},
                  {"apiGroups":[""],"resources":["pods/log"],"verbs":["get"]},
                  {"apiGroups":[""],"resources":["configmaps"],"resourceNames":["gloo-custom-resource-config"],
                   "verbs":["get","list","update"]}]}
        """.formatted(NS)));
    // The subject has no namespace: a RoleBinding's own namespace is meant.
    created(clients.sendJson("POST", RBAC + "/namespaces/" + NS + "/rolebindings", ApiClients.JSON,
        binding("RoleBinding", "gloo-resource-rollout-cleanup", NS, "Role", "gloo-resource-rollout-cleanup",
            "{\"kind\":\"ServiceAccount\",\"name\":\"" + CLEANUP + "\"}")));

    assertEquals(200, cleanup.get(jobs).code());
    forbidden(cleanup.get("/apis/batch/v1/namespaces/default/jobs"), "jobs.batch is forbidden: User \""
        + CLEANUP_USER + "\" cannot list resource \"jobs\" in API group \"batch\" in the namespace \"default\"");
    forbidden(cleanup.get("/apis/batch/v1/jobs"), "jobs.batch is forbidden: User \"" + CLEANUP_USER
        + "\" cannot list resource \"jobs\" in API group \"batch\" at the cluster scope");

    String pods = "/api/v1/namespaces/" + NS + "/pods";
    created(clients.sendJson("POST", pods, ApiClients.JSON, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
        + "{\"name\":\"gloo-1\",\"namespace\":\"" + NS + "\"},\"spec\":{\"containers\":[{\"name\":\"gloo\","
        + "\"image\":\"quay.io/solo-io/gloo:1.17.0\"}]}}"));
    api.podLogs().write(NS, "gloo-1", "gloo", "started\n");
    assertEquals(200, cleanup.get(pods + "/gloo-1/log", "*/*").code(), "pods/log, a subresource rule");
    forbidden(cleanup.get(pods + "/gloo-1"), "pods \"gloo-1\" is forbidden: User \"" + CLEANUP_USER
        + "\" cannot get resource \"pods\" in API group \"\" in the namespace \"" + NS + "\"");

    String configMaps = "/api/v1/namespaces/" + NS + "/configmaps";
    created(clients.sendJson("POST", configMaps, ApiClients.JSON, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
        + "\"metadata\":{\"name\":\"gloo-custom-resource-config\",\"namespace\":\"" + NS + "\"}}"));
    assertEquals(200, cleanup.get(configMaps + "/gloo-custom-resource-config").code(), "a resourceName rule");
    assertEquals(200, cleanup.get(configMaps + "?fieldSelector=metadata.name%3Dgloo-custom-resource-config").code(),
        "a list by metadata.name is about that name");
    forbidden(cleanup.get(configMaps), "configmaps is forbidden: User \"" + CLEANUP_USER + "\" cannot list resource "
        + "\"configmaps\" in API group \"\" in the namespace \"" + NS + "\"");
    forbidden(cleanup.get(configMaps + "/other"), "configmaps \"other\" is forbidden: User \"" + CLEANUP_USER
        + "\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"" + NS + "\"");

    // A RoleBinding to a ClusterRole grants its rules in the binding's namespace only; Group and User subjects.
    created(clients.sendJson("POST", RBAC + "/clusterroles", ApiClients.JSON, """
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"secret-reader"},
         "rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get","list"]}]}
        """));
    created(clients.sendJson("POST", RBAC + "/namespaces/default/rolebindings", ApiClients.JSON,
        binding("RoleBinding", "read-secrets", "default", "ClusterRole", "secret-reader",
            "{\"kind\":\"Group\",\"name\":\"system:serviceaccounts:" + NS + "\"}")));
    assertEquals(200, cleanup.get("/api/v1/namespaces/default/secrets").code(), "by its namespace's group");
    forbidden(cleanup.get("/api/v1/namespaces/" + NS + "/secrets"), "secrets is forbidden: User \"" + CLEANUP_USER
        + "\" cannot list resource \"secrets\" in API group \"\" in the namespace \"" + NS + "\"");
    created(clients.sendJson("POST", RBAC + "/namespaces/" + NS + "/rolebindings", ApiClients.JSON,
        binding("RoleBinding", "read-secrets", NS, "ClusterRole", "secret-reader",
            "{\"kind\":\"User\",\"name\":\"" + CLEANUP_USER + "\"}")));
    assertEquals(200, cleanup.get("/api/v1/namespaces/" + NS + "/secrets").code(), "by its user name");
  }

  @Test
  void discoveryVersionAndHealthStayOpenButOtherPathsDoNot() {
    for (String path : List.of("/api", "/api/v1", "/apis", "/apis/apps/v1", "/apis/gloo.solo.io/v1", "/version",
        "/openapi/v3", "/healthz", "/readyz", "/livez")) {
      assertEquals(200, cleanup.get(path, ApiClients.DISCOVERY_ACCEPT).code(), path);
    }
    forbidden(cleanup.get("/metrics"), "forbidden: User \"" + CLEANUP_USER + "\" cannot get path \"/metrics\"");
    assertEquals(404, clients.get("/metrics").code(), "the administrator gets past RBAC to what is not served");
  }

  @Test
  void selfSubjectAccessReviewsAnswerAsTheAuthoriserDecides() {
    JsonNode group = clients.get("/apis/authorization.k8s.io/v1", ApiClients.DISCOVERY_ACCEPT).json();
    assertEquals("selfsubjectaccessreviews", group.path("resources").get(0).path("name").asText(), group.toString());
    assertEquals(List.of("create"), List.of(group.path("resources").get(0).path("verbs").get(0).asText()));

    JsonNode allowed = review(cleanup, "{\"resourceAttributes\":{\"namespace\":\"" + NS + "\",\"verb\":\"delete\","
        + "\"group\":\"gloo.solo.io\",\"resource\":\"upstreams\"}}");
    assertTrue(allowed.at("/status/allowed").asBoolean(), allowed.toString());
    assertEquals("RBAC: allowed by ClusterRoleBinding \"gloo-resource-cleanup\" of ClusterRole "
        + "\"gloo-resource-cleanup\" to ServiceAccount \"" + CLEANUP + "/" + NS + "\"", allowed.at("/status/reason")
        .asText());
    assertEquals("SelfSubjectAccessReview", allowed.path("kind").asText());
    JsonNode denied = review(cleanup, "{\"resourceAttributes\":{\"verb\":\"get\",\"group\":\"apiextensions.k8s.io\","
        + "\"resource\":\"customresourcedefinitions\",\"name\":\"upstreams.gloo.solo.io\"}}");
    assertFalse(denied.at("/status/allowed").asBoolean(), denied.toString());
    JsonNode path = review(cleanup, "{\"nonResourceAttributes\":{\"verb\":\"get\",\"path\":\"/version\"}}");
    assertTrue(path.at("/status/allowed").asBoolean(), path.toString());

    JsonNode admin = review(clients, "{\"resourceAttributes\":{\"verb\":\"*\",\"group\":\"*\",\"resource\":\"*\"}}");
    assertTrue(admin.at("/status/allowed").asBoolean(), admin.toString());
    ApiClients.Reply impersonated = clients.send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
        ApiClients.JSON, ApiClients.JSON, reviewOf("{\"resourceAttributes\":{\"verb\":\"get\","
            + "\"group\":\"apiextensions.k8s.io\",\"resource\":\"customresourcedefinitions\"}}").getBytes(),
        "Bearer " + EmbeddedApiServer.ADMIN_TOKEN, "Impersonate-User", CLEANUP_USER);
    assertEquals(201, impersonated.code(), impersonated.text());
    assertFalse(impersonated.json().at("/status/allowed").asBoolean(), "the administrator as the ServiceAccount");
    ApiClients.Reply escalation = cleanup.send("GET", "/api/v1/namespaces", ApiClients.JSON, null, null,
        "Bearer " + cleanupToken, "Impersonate-User", "system:admin");
    forbidden(escalation, "users \"system:admin\" is forbidden: User \"" + CLEANUP_USER + "\" cannot impersonate "
        + "resource \"users\" in API group \"\" at the cluster scope");
  }

  @Test
  void realKubectlAsTheCleanupJobsServiceAccount(@TempDir Path work) {
    Kubectl kubectl = Kubectl.against(api, api.serviceAccountTokens().issue(NS, CLEANUP), work);
    created(clients.sendJson("POST", UPSTREAMS, ApiClients.JSON, upstream("petstore")));

    Kubectl.Result crd = kubectl.run("get", "crd", "upstreams.gloo.solo.io");
    assertEquals(1, crd.exitCode(), crd.toString());
    assertEquals("Error from server (Forbidden): customresourcedefinitions.apiextensions.k8s.io "
        + "\"upstreams.gloo.solo.io\" is forbidden: User \"" + CLEANUP_USER + "\" cannot get resource "
        + "\"customresourcedefinitions\" in API group \"apiextensions.k8s.io\" at the cluster scope\n", crd.stderr());
    Kubectl.Result webhook = kubectl.run("delete", "validatingwebhookconfiguration",
        "gloo-gateway-validation-webhook-" + NS, "--ignore-not-found");
    assertEquals(0, webhook.exitCode(), webhook.toString());
    Kubectl.Result upstreams = kubectl.run("delete", "upstreams.gloo.solo.io", "-n", NS, "-l", "app=gloo");
    assertEquals(0, upstreams.exitCode(), upstreams.toString());
    assertEquals("upstream.gloo.solo.io \"petstore\" deleted\n", upstreams.stdout());
    assertEquals(404, clients.get(UPSTREAMS + "/petstore").code());

    Kubectl.Result no = kubectl.run("auth", "can-i", "get", "crd");
    assertEquals(1, no.exitCode(), no.toString());
    assertEquals("no\n", no.stdout());
    Kubectl.Result yes = kubectl.run("auth", "can-i", "delete", "upstreams.gloo.solo.io", "-n", NS);
    assertEquals(0, yes.exitCode(), yes.toString());
    assertEquals("yes\n", yes.stdout());

    Kubectl admin = Kubectl.against(api, EmbeddedApiServer.ADMIN_TOKEN, work.resolve("admin"));
    Kubectl.Result asCleanup = admin.run("auth", "can-i", "get", "crd", "--as", CLEANUP_USER);
    assertEquals("no\n", asCleanup.stdout(), asCleanup.toString());
    assertEquals("yes\n", admin.run("auth", "can-i", "get", "crd").stdout());

    // Over plain HTTP kubectl sends no token at all, so it is the administrator: why the HTTPS port exists.
    Kubectl plain = Kubectl.overPlainHttp(api, api.serviceAccountTokens().issue(NS, CLEANUP), work.resolve("plain"));
    assertEquals(0, plain.run("get", "crd", "upstreams.gloo.solo.io").exitCode());

    Kubectl stranger = Kubectl.against(api, "a-token-nobody-issued", work.resolve("stranger"));
    Kubectl.Result refused = stranger.run("get", "ns");
    assertEquals(1, refused.exitCode(), refused.toString());
    // What kubectl prints for an expired token on a real cluster too: discovery's 401 comes first.
    assertTrue(refused.stderr().contains("error: You must be logged in to the server (the server has asked for the "
        + "client to provide credentials)"), refused.toString());
  }

  private static JsonNode review(ApiClients as, String spec) {
    ApiClients.Reply reply = as.sendJson("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
        ApiClients.JSON, reviewOf(spec));
    assertEquals(201, reply.code(), reply.text());
    return reply.json();
  }

  private static String reviewOf(String spec) {
    return "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":" + spec + "}";
  }

  private static void forbidden(ApiClients.Reply reply, String message) {
    assertEquals(403, reply.code(), reply.text());
    assertEquals("Forbidden", reply.json().path("reason").asText(), reply.text());
    assertEquals(message, reply.json().path("message").asText());
  }

  private static void created(ApiClients.Reply reply) {
    assertEquals(201, reply.code(), reply.text());
  }

  private static String namespace(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}";
  }

  private static String serviceAccount(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
        + NS + "\"}}";
  }

  private static String upstream(String name) {
    return "{\"apiVersion\":\"gloo.solo.io/v1\",\"kind\":\"Upstream\",\"metadata\":{\"name\":\"" + name + "\","
        + "\"namespace\":\"" + NS + "\",\"labels\":{\"app\":\"gloo\"}}}";
  }

  private static String binding(String kind, String name, String namespace, String roleKind, String role,
      String subject) {
    return "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\""
        + name + "\"" + (namespace == null ? "" : ",\"namespace\":\"" + namespace + "\"") + "},"
        + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"" + roleKind + "\",\"name\":\"" + role
        + "\"},\"subjects\":[" + subject + "]}";
  }

  private static String upstreamCrd() {
    return """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"upstreams.gloo.solo.io"},
         "spec":{"group":"gloo.solo.io","scope":"Namespaced",
          "names":{"kind":"Upstream","listKind":"UpstreamList","plural":"upstreams","singular":"upstream",
                   "shortNames":["us"]},
          "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
            "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """;
  }
}
