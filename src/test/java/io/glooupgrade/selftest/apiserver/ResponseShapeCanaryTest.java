package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Canary for DESIGN.md, "The embedded cluster", behaviours 3, 4 and 5: the shape of every answer
 * client-go decodes. Requests carry client-go's {@code Accept: application/vnd.kubernetes.protobuf,
 * application/json}. (HelmCanaryTest covers 4 and 5 with real Helm.)
 * <ul>
 *   <li>{@link #everyAnswerSaysItIsJson()} guards 3: a {@code Content-Type: application/json} header on
 *       created, read, listed, patched, replaced, deleted and refused objects.</li>
 *   <li>{@link #listsCarryTheirTypedKind()} guards 4: {@code SecretList}, {@code DeploymentList},
 *       {@code NamespaceList}, {@code VirtualServiceList}, never {@code List}.</li>
 *   <li>{@link #errorsCarryTheReasonClientGoReads()} guards 5: 404 NotFound, 409 AlreadyExists on POST,
 *       409 Conflict on PUT, 422 Invalid, over HTTP and as fabric8 reports them.</li>
 * </ul>
 */
class ResponseShapeCanaryTest extends EmbeddedApiCanary {


  @Test
  void everyAnswerSaysItIsJson() {
    String one = Manifests.SECRETS + "/one";
    Map<String, ApiClients.Reply> replies = new LinkedHashMap<>();
    replies.put("create", clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON, Manifests.secret("one")));
    replies.put("get", clients.get(one));
    replies.put("list", clients.get(Manifests.SECRETS + "?labelSelector=owner%3Dhelm"));
    replies.put("merge patch", clients.sendJson("PATCH", one, ApiClients.MERGE_PATCH,
        "{\"metadata\":{\"labels\":{\"owner\":\"helm\"}}}"));
    replies.put("strategic merge patch", clients.sendJson("PATCH", one, ApiClients.STRATEGIC_MERGE_PATCH,
        "{\"metadata\":{\"labels\":{\"status\":\"deployed\"}}}"));
    replies.put("replace", clients.sendJson("PUT", one, ApiClients.JSON, Manifests.secret("one")));
    replies.put("conflict", clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON, Manifests.secret("one")));
    replies.put("delete", clients.send("DELETE", one, ApiClients.PROTOBUF_OR_JSON, null, null));
    replies.put("not found", clients.get(one));

    List<Integer> codes = new ArrayList<>();
    replies.forEach((what, reply) -> {
      codes.add(reply.code());
      assertEquals(ApiClients.JSON, mediaType(reply.contentType()), what + " answered " + reply.contentType());
      assertTrue(reply.json().isObject(), what + " body is a JSON object: " + reply.text());
    });
    assertEquals(List.of(201, 200, 200, 200, 200, 200, 409, 200, 404), codes);
  }

  @Test
  void listsCarryTheirTypedKind() {
    assertEquals(201, clients.sendJson("POST", "/api/v1/namespaces", ApiClients.JSON,
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + Manifests.NAMESPACE + "\"}}").code());
    for (String name : List.of("sh.helm.release.v1.gloo.v1", "sh.helm.release.v1.gloo.v2")) {
      assertEquals(201, clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON, Manifests.secret(name)).code());
    }
    assertEquals(201, clients.sendJson("POST", Manifests.CRDS, ApiClients.JSON, Manifests.virtualServiceCrd()).code());
    assertEquals(201, clients.sendJson("POST", Manifests.VS_COLLECTION, ApiClients.JSON,
        Manifests.virtualServiceWithNewerFields("petstore")).code());

    JsonNode secrets = list(Manifests.SECRETS, "SecretList", "v1");
    assertEquals(List.of("sh.helm.release.v1.gloo.v1", "sh.helm.release.v1.gloo.v2"), names(secrets));
    list("/api/v1/secrets", "SecretList", "v1");
    list(Manifests.SECRETS + "?labelSelector=owner%3Dhelm", "SecretList", "v1");
    list("/api/v1/namespaces", "NamespaceList", "v1");
    JsonNode deployments = list(Manifests.DEPLOYMENTS, "DeploymentList", "apps/v1");
    assertEquals(0, deployments.path("items").size(), "an empty list is typed too");
    JsonNode virtualServices = list(Manifests.VS_COLLECTION, "VirtualServiceList", "gateway.solo.io/v1");
    assertEquals(List.of("petstore"), names(virtualServices));
  }

  @Test
  void errorsCarryTheReasonClientGoReads() {
    String missing = Manifests.SECRETS + "/missing";
    assertStatus(clients.get(missing), 404, "NotFound");
    assertEquals("missing", clients.get(missing).json().path("details").path("name").asText());
    assertStatus(clients.sendJson("PATCH", missing, ApiClients.MERGE_PATCH, "{}"), 404, "NotFound");
    assertStatus(clients.send("DELETE", missing, ApiClients.PROTOBUF_OR_JSON, null, null), 404, "NotFound");

    ApiClients.Reply created = clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON, Manifests.secret("one"));
    assertEquals(201, created.code(), created.text());
    assertStatus(clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON, Manifests.secret("one")), 409,
        "AlreadyExists");

    String stale = Manifests.secret("one").replace("\"namespace\"", "\"resourceVersion\":\"1000\",\"namespace\"");
    assertStatus(clients.sendJson("PUT", Manifests.SECRETS + "/one", ApiClients.JSON, stale), 409, "Conflict");

    assertStatus(clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON,
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{}}"), 422, "Invalid");

    try (KubernetesClient fabric8 = clients.fabric8()) {
      Secret secret = new SecretBuilder().withNewMetadata().withName("one").withNamespace(Manifests.NAMESPACE)
          .endMetadata().addToStringData("token", "other").build();
      KubernetesClientException exists = assertThrows(KubernetesClientException.class,
          () -> fabric8.secrets().inNamespace(Manifests.NAMESPACE).resource(secret).create());
      assertEquals(409, exists.getCode());
      assertEquals("AlreadyExists", exists.getStatus().getReason());

      secret.getMetadata().setResourceVersion("1000");
      KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
          () -> fabric8.secrets().inNamespace(Manifests.NAMESPACE).resource(secret).update());
      assertEquals(409, conflict.getCode());
      assertEquals("Conflict", conflict.getStatus().getReason());
    }
  }

  private JsonNode list(String path, String kind, String apiVersion) {
    ApiClients.Reply reply = clients.get(path);
    assertEquals(200, reply.code(), reply.text());
    JsonNode list = reply.json();
    assertEquals(kind, list.path("kind").asText(), path + " answered " + reply.text());
    assertEquals(apiVersion, list.path("apiVersion").asText(), path);
    assertTrue(list.path("items").isArray(), path);
    return list;
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
    names.sort(null);
    return names;
  }

  private static void assertStatus(ApiClients.Reply reply, int code, String reason) {
    assertEquals(code, reply.code(), reply.text());
    JsonNode status = reply.json();
    assertEquals("Status", status.path("kind").asText(), reply.text());
    assertEquals("Failure", status.path("status").asText(), reply.text());
    assertEquals(reason, status.path("reason").asText(), reply.text());
    assertEquals(code, status.path("code").asInt(), reply.text());
  }

  private static String mediaType(String contentType) {
    return contentType == null ? null : contentType.split(";")[0].trim();
  }
}
