package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canary for DESIGN.md, "The embedded cluster", behaviour 6 (strategic merge patch), which fabric8's
 * CRUD mode refuses on its own. (HelmCanaryTest covers it with a real {@code helm upgrade}.)
 * <ul>
 *   <li>{@link #helmsThreeWayPatchMergesListsByKey()} guards 6: a patch as Helm computes it, sent with
 *       {@code Content-Type: application/strategic-merge-patch+json}: containers and env merged by name,
 *       {@code $setElementOrder}, an element {@code $patch: delete}, stored with a new resourceVersion.</li>
 *   <li>{@link #directivesAreHonouredAndCustomResourcesRefused()} guards 6: {@code $retainKeys},
 *       {@code $deleteFromPrimitiveList}, map {@code $patch: replace} through fabric8's STRATEGIC_MERGE;
 *       a strategic merge patch of a custom resource is refused with 415 as Kubernetes does.</li>
 * </ul>
 */
class StrategicMergePatchCanaryTest extends EmbeddedApiCanary {

  private static final String GLOO = Manifests.DEPLOYMENTS + "/gloo";


  @BeforeEach
  void prepare() {
    ApiClients.Reply created = clients.sendJson("POST", Manifests.DEPLOYMENTS, ApiClients.JSON,
        Manifests.glooDeployment());
    assertEquals(201, created.code(), created.text());
  }

  @Test
  void helmsThreeWayPatchMergesListsByKey() {
    JsonNode before = clients.get(GLOO).json();
    String patch = """
        {"metadata":{"labels":{"app.kubernetes.io/version":"1.17.1"}},
         "spec":{"replicas":2,"template":{"spec":{
          "$setElementOrder/containers":[{"name":"sds"},{"name":"gloo"}],
          "containers":[{"name":"gloo","image":"quay.io/solo-io/gloo:1.17.1",
           "$setElementOrder/env":[{"name":"NEW_FLAG"},{"name":"LOG_LEVEL"}],
           "env":[{"name":"NEW_FLAG","value":"y"},{"$patch":"delete","name":"OLD_FLAG"}]}]}}}}
        """;
    ApiClients.Reply patched = clients.sendJson("PATCH", GLOO + "?fieldManager=helm", ApiClients.STRATEGIC_MERGE_PATCH,
        patch);
    assertEquals(200, patched.code(), patched.text());

    JsonNode after = clients.get(GLOO).json();
    assertEquals(patched.json(), after, "the patched object is what is stored");
    assertEquals(Map.of("app", "gloo", "gloo", "gloo", "app.kubernetes.io/version", "1.17.1"),
        ApiClients.MAPPER.convertValue(after.path("metadata").path("labels"), Map.class));
    assertEquals(2, after.path("spec").path("replicas").asInt());
    JsonNode containers = after.path("spec").path("template").path("spec").path("containers");
    assertEquals(List.of("sds", "gloo"), values(containers, "name"), "$setElementOrder/containers");
    JsonNode gloo = containers.get(1);
    assertEquals("quay.io/solo-io/gloo:1.17.1", gloo.path("image").asText());
    assertEquals(List.of("NEW_FLAG", "LOG_LEVEL"), values(gloo.path("env"), "name"),
        "env merged by name, OLD_FLAG deleted, $setElementOrder/env");
    assertEquals("info", gloo.path("env").get(1).path("value").asText(), "untouched elements keep their fields");
    assertEquals(9977, gloo.path("ports").get(0).path("containerPort").asInt(), "fields the patch omits stay");
    assertEquals("quay.io/solo-io/sds:1.17.0", containers.get(0).path("image").asText());
    assertEquals("RollingUpdate", after.path("spec").path("strategy").path("type").asText());
    assertNotEquals(before.path("metadata").path("resourceVersion"), after.path("metadata").path("resourceVersion"));
    assertEquals(before.path("metadata").path("uid"), after.path("metadata").path("uid"), "patched, not recreated");
  }

  @Test
  void directivesAreHonouredAndCustomResourcesRefused() {
    try (KubernetesClient fabric8 = clients.fabric8()) {
      var gloo = fabric8.apps().deployments().inNamespace(Manifests.NAMESPACE).withName("gloo");
      PatchContext strategic = PatchContext.of(PatchType.STRATEGIC_MERGE);

      Deployment recreate = gloo.patch(strategic,
          "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"type\":\"Recreate\",\"rollingUpdate\":null}}}");
      assertEquals("Recreate", recreate.getSpec().getStrategy().getType());
      assertEquals(null, recreate.getSpec().getStrategy().getRollingUpdate(), "$retainKeys drops rollingUpdate");

      gloo.patch(strategic, "{\"metadata\":{\"finalizers\":[\"gloo.solo.io/a\",\"gloo.solo.io/b\"]}}");
      Deployment pruned = gloo.patch(strategic,
          "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"gloo.solo.io/a\"]}}");
      assertEquals(List.of("gloo.solo.io/b"), pruned.getMetadata().getFinalizers());

      Deployment replaced = gloo.patch(strategic,
          "{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"$patch\":\"replace\",\"gloo\":\"gloo\",\"rev\":\"2\"}}}}}");
      assertEquals(Map.of("gloo", "gloo", "rev", "2"), replaced.getSpec().getTemplate().getMetadata().getLabels());

      Deployment stored = gloo.get();
      assertEquals("Recreate", stored.getSpec().getStrategy().getType());
      assertEquals(List.of("gloo.solo.io/b"), stored.getMetadata().getFinalizers());
      assertEquals(Map.of("gloo", "gloo", "rev", "2"), stored.getSpec().getTemplate().getMetadata().getLabels());
    }

    assertEquals(201, clients.sendJson("POST", Manifests.CRDS, ApiClients.JSON, Manifests.virtualServiceCrd()).code());
    assertEquals(201, clients.sendJson("POST", Manifests.VS_COLLECTION, ApiClients.JSON,
        Manifests.virtualServiceWithNewerFields("petstore")).code());
    ApiClients.Reply refused = clients.sendJson("PATCH", Manifests.VS_COLLECTION + "/petstore",
        ApiClients.STRATEGIC_MERGE_PATCH, "{\"spec\":{\"virtualHost\":{\"domains\":[\"petstore\"]}}}");
    assertEquals(415, refused.code(), refused.text());
    assertEquals("UnsupportedMediaType", refused.json().path("reason").asText());
  }

  private static List<String> values(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }
}
