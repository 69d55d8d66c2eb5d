package io.glooupgrade.selftest.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import io.glooupgrade.embedded.catalog.ChartArchive;
import io.glooupgrade.embedded.catalog.EnterpriseVersions;
import io.glooupgrade.embedded.catalog.FederationFixtureCharts;
import io.glooupgrade.embedded.catalog.GlooCrd;
import io.glooupgrade.embedded.catalog.GlooVersion;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The fixture gloo-fed chart, as the canary guide installs it on the management cluster
 * ({@code helm install gloo-fed gloo-fed/gloo-fed --set-string license_key=...}).
 */
class FixtureGlooFedChartTest {

  private static final String NS = "gloo-system-1-13-30";

  @Test
  void rendersTheFederationDeploymentsWithTheLicence() {
    Manifests m = render("1.13.30", NS);

    JsonNode fed = m.get("Deployment", "gloo-fed");
    assertEquals(Map.of("app", "gloo-fed", "gloo", "gloo-fed"), labels(fed.at("/metadata/labels")));
    assertEquals(Map.of("app", "gloo-fed", "gloo", "gloo-fed"), labels(fed.at("/spec/template/metadata/labels")));
    assertEquals("gloo-fed", fed.at("/spec/template/spec/containers/0/name").asText());
    assertEquals("quay.io/solo-io/gloo-fed:1.13.30", fed.at("/spec/template/spec/containers/0/image").asText());
    assertEquals("license", licenceSecretOf(fed));

    JsonNode console = m.get("Deployment", "gloo-fed-console");
    assertEquals(Map.of("app", "gloo-fed", "gloo", "gloo-fed-console"),
        labels(console.at("/spec/template/metadata/labels")));
    assertEquals("quay.io/solo-io/gloo-fed-apiserver:1.13.30",
        console.at("/spec/template/spec/containers/0/image").asText());
    assertEquals("quay.io/solo-io/gloo-federation-console:1.13.30",
        console.at("/spec/template/spec/containers/1/image").asText());
    assertEquals(List.of("gloo-fed", "gloo-fed-console"), m.names("Deployment"));

    assertEquals("a-licence", new String(Base64.getDecoder().decode(
        m.get("Secret", "license").at("/data/license-key").asText()), StandardCharsets.UTF_8));
  }

  @Test
  void clusterScopedNamesCarryTheNamespaceSoTwoFederationInstallsCoexist() {
    List<String> previous = render("1.12.55", "gloo-system").names("ClusterRole");
    List<String> canary = render("1.13.30", NS).names("ClusterRole");
    assertEquals(List.of("gloo-fed-gloo-system"), previous);
    assertNotEquals(previous, canary);
  }

  @Test
  void theCrdsFolderHoldsTheFederationCrds() {
    String crds = new Helm(FederationFixtureCharts.federationChart("1.13.30").file()).show().crds().call();
    Set<String> names = Set.copyOf(Manifests.parse(crds).names("CustomResourceDefinition"));
    assertTrue(names.contains(GlooCrd.KUBERNETES_CLUSTERS.crdName()), names.toString());
    assertTrue(names.contains(GlooCrd.FEDERATED_VIRTUAL_SERVICES.crdName()), names.toString());
    assertEquals(Set.copyOf(GlooCrd.federation().stream().map(GlooCrd::crdName).toList()), names);
  }

  @Test
  void everyFederationReleaseIsPackagedAtTheEnterpriseNumbers() {
    assertEquals(EnterpriseVersions.federation().stream().map(GlooVersion::tag).toList(),
        FederationFixtureCharts.federationCharts().stream().map(ChartArchive::version).toList());
    assertTrue(FederationFixtureCharts.federationCharts().stream().allMatch(a -> a.name().equals("gloo-fed")));
  }

  private static Manifests render(String version, String namespace) {
    return Manifests.parse(new Helm(FederationFixtureCharts.federationChart(version).file()).template()
        .withName("gloo-fed").withNamespace(namespace).set("license_key", "a-licence").call());
  }

  private static String licenceSecretOf(JsonNode deployment) {
    for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
      if (env.path("name").asText().equals("GLOO_LICENSE_KEY")) {
        return env.at("/valueFrom/secretKeyRef/name").asText();
      }
    }
    throw new AssertionError("no GLOO_LICENSE_KEY in " + deployment.at("/metadata/name"));
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> labels = new TreeMap<>();
    node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }
}
