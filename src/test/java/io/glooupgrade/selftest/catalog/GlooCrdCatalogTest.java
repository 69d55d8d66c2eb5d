package io.glooupgrade.selftest.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import io.glooupgrade.embedded.catalog.FixtureCharts;
import io.glooupgrade.embedded.catalog.GlooCrd;
import io.glooupgrade.embedded.catalog.GlooCrds;
import io.glooupgrade.embedded.catalog.GlooVersion;
import io.glooupgrade.embedded.catalog.GlooVersions;
import io.glooupgrade.embedded.catalog.RetryPolicyField;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Each release's chart carries the CRDs GLOO_FACTS.md lists, with schemas that let the API server
 * prune what the release does not know. CRDs are read back through Helm ({@code helm show crds}),
 * as the harness reads them.
 */
class GlooCrdCatalogTest {

  private static final String RETRIES = "/spec/versions/0/schema/openAPIV3Schema/properties/spec"
      + "/properties/virtualHost/properties/routes/items/properties/options/properties/retries/properties";

  @Test
  void directResponsesArriveIn118() {
    assertFalse(crdsOf("1.17.38").containsKey("directresponses.gateway.gloo.solo.io"));
    assertTrue(crdsOf("1.18.41").containsKey("directresponses.gateway.gloo.solo.io"));
  }

  @Test
  void eachMinorShipsTheCrdsOfTheFacts() {
    Set<String> common = Set.of("authconfigs.enterprise.gloo.solo.io",
        "gateways.gateway.solo.io", "httpgateways.gateway.solo.io", "tcpgateways.gateway.solo.io",
        "routeoptions.gateway.solo.io", "routetables.gateway.solo.io",
        "virtualhostoptions.gateway.solo.io", "virtualservices.gateway.solo.io",
        "proxies.gloo.solo.io", "settings.gloo.solo.io", "upstreams.gloo.solo.io",
        "upstreamgroups.gloo.solo.io", "graphqlapis.graphql.gloo.solo.io",
        "ratelimitconfigs.ratelimit.solo.io");
    Set<String> added117 = Set.of("gatewayparameters.gateway.gloo.solo.io",
        "listeneroptions.gateway.solo.io", "httplisteneroptions.gateway.solo.io");
    assertEquals(14, crdsOf("1.16.27").size());
    assertEquals(common, crdsOf("1.16.27").keySet());
    assertEquals(union(common, added117), crdsOf("1.17.37").keySet());
    Set<String> since118 = union(union(common, added117), Set.of("directresponses.gateway.gloo.solo.io"));
    assertEquals(since118, crdsOf("1.18.40").keySet());
    assertEquals(since118, crdsOf("1.19.20").keySet());
    assertEquals(since118, crdsOf("1.20.22").keySet());
    assertEquals(since118, Set.copyOf(GlooVersions.of("1.20.22").crdNames()));
    assertFalse(GlooCrd.GRAPHQL_APIS.isShippedWith(GlooVersion.parse("1.20.1")));
    assertFalse(GlooCrd.GRAPHQL_APIS.isShippedWith(GlooVersion.parse("1.21.0")));
  }

  @Test
  void everyCrdIsNamespacedServedOnceWithoutSubresourcesAndStructurallyPruned() {
    crdsOf("1.19.20").forEach((name, crd) -> {
      assertEquals("apiextensions.k8s.io/v1", crd.path("apiVersion").asText(), name);
      assertEquals("Namespaced", crd.at("/spec/scope").asText(), name);
      assertEquals(name, crd.at("/spec/names/plural").asText() + "." + crd.at("/spec/group").asText());
      assertEquals(1, crd.at("/spec/versions").size(), name);
      JsonNode version = crd.at("/spec/versions/0");
      assertTrue(version.path("served").asBoolean() && version.path("storage").asBoolean(), name);
      assertFalse(version.has("subresources"), name);
      JsonNode schema = version.at("/schema/openAPIV3Schema");
      assertEquals("object", schema.path("type").asText(), name);
      assertFalse(schema.has("x-kubernetes-preserve-unknown-fields"), name);
      assertEquals("Gloo Edge 1.19 API", schema.path("description").asText(), name);
      assertTrue(schema.at("/properties/status/x-kubernetes-preserve-unknown-fields").asBoolean(), name);
    });
    JsonNode vs = crdsOf("1.19.20").get("virtualservices.gateway.solo.io");
    assertEquals("VirtualService", vs.at("/spec/names/kind").asText());
    assertEquals("VirtualServiceList", vs.at("/spec/names/listKind").asText());
    assertEquals("vs", vs.at("/spec/names/shortNames/0").asText());
  }

  @Test
  void retryPolicyFieldsFollowTheRelease() {
    JsonNode retries117 = crdsOf("1.17.38").get("virtualservices.gateway.solo.io").at(RETRIES);
    JsonNode retries118 = crdsOf("1.18.41").get("virtualservices.gateway.solo.io").at(RETRIES);
    JsonNode retries120 = crdsOf("1.20.22").get("virtualservices.gateway.solo.io").at(RETRIES);
    assertTrue(retries117.has("retryBackOff") && retries117.has("previousPriorities"));
    assertFalse(retries117.has("retriableStatusCodes"));
    assertTrue(retries118.has("retriableStatusCodes"));
    assertFalse(retries118.has("rateLimitedRetryBackOff"));
    assertTrue(retries120.has("rateLimitedRetryBackOff"));
    assertFalse(crdsOf("1.16.27").get("virtualservices.gateway.solo.io").at(RETRIES).has("previousPriorities"));
    // The same RetryPolicy is declared wherever routes are: route tables, route options, proxies.
    assertFalse(crdsOf("1.17.38").get("routetables.gateway.solo.io").at("/spec/versions/0/schema"
        + "/openAPIV3Schema/properties/spec/properties/routes/items/properties/options/properties"
        + "/retries/properties").has("retriableStatusCodes"));
    assertTrue(crdsOf("1.18.41").get("routeoptions.gateway.solo.io").at("/spec/versions/0/schema"
        + "/openAPIV3Schema/properties/spec/properties/options/properties/retries/properties")
        .has("retriableStatusCodes"));
    assertEquals(List.of(RetryPolicyField.RETRY_BACK_OFF, RetryPolicyField.PREVIOUS_PRIORITIES,
        RetryPolicyField.RETRIABLE_STATUS_CODES), GlooVersions.of("1.18.41").retryPolicyFields());
  }

  @Test
  void retryBackOffArrivesIn113AsTheCanaryGuidesFederationExampleSays() {
    // The 1.12 API prunes retryBackOff from a placed VirtualService; 1.13 keeps it.
    assertFalse(crdsOf("1.12.58").get("virtualservices.gateway.solo.io").at(RETRIES).has("retryBackOff"));
    JsonNode retries113 = crdsOf("1.13.35").get("virtualservices.gateway.solo.io").at(RETRIES);
    assertTrue(retries113.has("retryBackOff"));
    assertEquals(Set.of("baseInterval", "maxInterval"), fieldNames(retries113.at("/retryBackOff/properties")));
    assertFalse(retries113.has("previousPriorities"));
    assertEquals(Set.of("retryOn", "numRetries", "perTryTimeout"),
        fieldNames(crdsOf("1.12.58").get("virtualservices.gateway.solo.io").at(RETRIES)));
    assertEquals(List.of(), GlooVersions.of("1.12.58").retryPolicyFields());
    assertEquals(List.of(RetryPolicyField.RETRY_BACK_OFF), GlooVersions.of("1.13.35").retryPolicyFields());
  }

  @Test
  void releasesBefore116ShipThe116Crds() {
    // GLOO_FACTS.md lists no CRD set for 1.12 and 1.13: the catalog gives them 1.16's 14.
    assertEquals(crdsOf("1.16.27").keySet(), crdsOf("1.12.58").keySet());
    assertEquals(crdsOf("1.16.27").keySet(), crdsOf("1.13.35").keySet());
    assertEquals("Gloo Edge 1.12 API", crdsOf("1.12.58").get("virtualservices.gateway.solo.io")
        .at("/spec/versions/0/schema/openAPIV3Schema/description").asText());
  }

  @Test
  void crdSpecsChangeWithTheMinorNotWithThePatch() {
    assertEquals(specs("1.18.40"), specs("1.18.41"));
    Map<String, JsonNode> v118 = specs("1.18.41");
    Map<String, JsonNode> v119 = specs("1.19.20");
    assertEquals(v118.keySet(), v119.keySet());
    v118.forEach((name, spec) -> assertNotEquals(spec, v119.get(name), name));
    assertEquals(GlooCrds.yaml(GlooVersions.of("1.17.37"), GlooCrd.VIRTUAL_SERVICES),
        GlooCrds.yaml(GlooVersions.of("1.17.38"), GlooCrd.VIRTUAL_SERVICES));
  }

  private static Map<String, JsonNode> crdsOf(String version) {
    String yaml = new Helm(FixtureCharts.ossChart(version).file()).show().crds().call();
    Map<String, JsonNode> byName = new TreeMap<>();
    Manifests.parse(yaml).names("CustomResourceDefinition").forEach(name ->
        byName.put(name, Manifests.parse(yaml).get("CustomResourceDefinition", name)));
    return byName;
  }

  private static Map<String, JsonNode> specs(String version) {
    Map<String, JsonNode> specs = new TreeMap<>();
    crdsOf(version).forEach((name, crd) -> specs.put(name, crd.path("spec")));
    return specs;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
