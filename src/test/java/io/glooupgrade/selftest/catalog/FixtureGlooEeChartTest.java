package io.glooupgrade.selftest.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import io.glooupgrade.embedded.catalog.ChartArchive;
import io.glooupgrade.embedded.catalog.ChartPackager;
import io.glooupgrade.embedded.catalog.EnterpriseFixtureCharts;
import io.glooupgrade.embedded.catalog.EnterpriseVersion;
import io.glooupgrade.embedded.catalog.EnterpriseVersions;
import io.glooupgrade.embedded.catalog.GlooCrd;
import io.glooupgrade.embedded.catalog.GlooVersions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixture gloo-ee chart, through real Helm: the OSS chart as subchart with its values under
 * {@code gloo.}, Enterprise images with the OSS tag shown beside them, the licence, and the
 * Federation subchart whose CRDs sit where the upgrade guide applies them from.
 */
class FixtureGlooEeChartTest {

  private static final String NS = "gloo-system";

  @ParameterizedTest
  @ValueSource(strings = {"1.13.30", "1.18.14"})
  void enterpriseComponentsRunTheEnterpriseImagesAndShowTheOssTag(String version) {
    EnterpriseVersion ee = EnterpriseVersions.of(version);
    Manifests m = render(version, Map.of("license_key", "a-licence"));

    assertImage(m, "gloo", "gloo", "quay.io/solo-io/gloo-ee:" + ee.tag(), ee);
    assertImage(m, "discovery", "discovery", "quay.io/solo-io/discovery-ee:" + ee.tag(), ee);
    assertImage(m, "gateway-proxy", "gateway-proxy",
        "quay.io/solo-io/gloo-ee-envoy-wrapper:" + ee.tag(), ee);
    assertImage(m, "extauth", "extauth", "quay.io/solo-io/extauth-ee:" + ee.tag(), ee);
    assertImage(m, "rate-limit", "rate-limit", "quay.io/solo-io/rate-limit-ee:" + ee.tag(), ee);
    for (String name : List.of("gloo", "discovery", "gateway-proxy", "extauth", "rate-limit")) {
      // glooctl version lists the Deployments labelled app=gloo; their pods carry only the gloo key.
      assertEquals("gloo", m.get("Deployment", name).at("/metadata/labels/app").asText(),
          name + " is listed by glooctl version");
      JsonNode labels = m.get("Deployment", name).at("/spec/template/metadata/labels");
      assertTrue(labels.has("gloo"), name + " pods carry the label key gloo (glooctl check)");
    }
    assertEquals("extauth", m.get("Deployment", "extauth").at("/metadata/labels/gloo").asText());
    assertEquals("rate-limit", m.get("Deployment", "rate-limit").at("/metadata/labels/gloo").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.13.30", "1.18.14"})
  void theHookJobsStayOss(String version, @TempDir Path dir) {
    EnterpriseVersion ee = EnterpriseVersions.of(version);
    Manifests m = renderHooksAsManifests(ee, dir);
    assertEquals("quay.io/solo-io/kubectl:" + ee.ossTag(),
        m.get("Job", "gloo-resource-rollout").at("/spec/template/spec/containers/0/image").asText());
    assertEquals("quay.io/solo-io/certgen:" + ee.ossTag(),
        m.get("Job", "gateway-certgen").at("/spec/template/spec/containers/0/image").asText());
  }

  @Test
  void theLicenceIsASecretThatEveryEnterpriseComponentReads() {
    Manifests m = render("1.18.14", Map.of("license_key", "a-licence"));
    JsonNode secret = m.get("Secret", "license");
    assertEquals(NS, secret.at("/metadata/namespace").asText());
    assertEquals("a-licence", decode(secret.at("/data/license-key").asText()));

    for (String name : List.of("gloo", "discovery", "extauth", "rate-limit")) {
      JsonNode env = m.get("Deployment", name).at("/spec/template/spec/containers/0/env");
      JsonNode licence = envNamed(env, "GLOO_LICENSE_KEY");
      assertEquals("license", licence.at("/valueFrom/secretKeyRef/name").asText(), name);
      assertEquals("license-key", licence.at("/valueFrom/secretKeyRef/key").asText(), name);
    }
  }

  @Test
  void theLicenceIsEmptyByDefaultAndANumberIsTakenAsText() {
    assertEquals("", render("1.18.14", Map.of()).get("Secret", "license").at("/data/license-key").asText());
    assertEquals("12345", decode(render("1.18.14", Map.of("license_key", 12345))
        .get("Secret", "license").at("/data/license-key").asText()));
  }

  @Test
  void ossValuesLiveUnderTheGlooPrefix() {
    JsonNode off = render("1.18.14", Map.of()).get("Deployment", "gateway-proxy")
        .at("/spec/template/spec/containers/0");
    assertFalse(off.has("readinessProbe"));
    JsonNode on = render("1.18.14", Map.of("gloo.gatewayProxies.gatewayProxy.podTemplate.probes", true))
        .get("Deployment", "gateway-proxy").at("/spec/template/spec/containers/0");
    assertTrue(on.at("/readinessProbe/exec/command").toString().contains("127.0.0.1:19000/ready"));
  }

  @Test
  void federationRunsOnlyWhenEnabled() {
    Manifests byDefault = render("1.18.14", Map.of());
    assertFalse(byDefault.find("Deployment", "gloo-fed").isPresent());
    assertFalse(byDefault.find("Deployment", "gloo-fed-console").isPresent());

    Manifests withFederation = render("1.18.14", Map.of("gloo-fed.enabled", true, "license_key", "k"));
    JsonNode fed = withFederation.get("Deployment", "gloo-fed");
    assertEquals("quay.io/solo-io/gloo-fed:1.18.14", fed.at("/spec/template/spec/containers/0/image").asText());
    assertEquals("gloo-fed", fed.at("/metadata/labels/app").asText());
    withFederation.get("Deployment", "gloo-fed-console");
    // One licence Secret, gloo-ee's, which the Federation components read too.
    assertEquals(List.of("license"), withFederation.names("Secret"));
    assertEquals("license", envNamed(fed.at("/spec/template/spec/containers/0/env"), "GLOO_LICENSE_KEY")
        .at("/valueFrom/secretKeyRef/name").asText());
  }

  @Test
  void showCrdsListsTheOssAndTheFederationCrds() {
    EnterpriseVersion ee = EnterpriseVersions.of("1.18.14");
    String crds = new Helm(EnterpriseFixtureCharts.enterpriseChart(ee).file()).show().crds().call();
    Set<String> names = new HashSet<>(Manifests.parse(crds).names("CustomResourceDefinition"));
    Set<String> expected = new HashSet<>(GlooVersions.of("1.18.41").crdNames());
    expected.add(GlooCrd.KUBERNETES_CLUSTERS.crdName());
    expected.add(GlooCrd.FEDERATED_VIRTUAL_SERVICES.crdName());
    assertEquals(expected, names);
    assertTrue(names.contains("kubernetesclusters.multicluster.solo.io"));
    assertTrue(names.contains("federatedvirtualservices.fed.gateway.solo.io"));
  }

  @Test
  void theArchiveHoldsBothSubchartsWhereTheUpgradeGuideLooks() throws IOException {
    EnterpriseVersion ee = EnterpriseVersions.of("1.12.55");
    Map<String, String> files = untar(EnterpriseFixtureCharts.enterpriseChart(ee).content());
    assertTrue(files.containsKey("gloo-ee/charts/gloo/crds/gateway.solo.io_v1_VirtualService.yaml"), files.keySet().toString());
    assertTrue(files.containsKey("gloo-ee/charts/gloo-fed/crds/multicluster.solo.io_v1alpha1_KubernetesCluster.yaml"));
    assertTrue(files.containsKey("gloo-ee/charts/gloo-fed/crds/fed.gateway.solo.io_v1_FederatedVirtualService.yaml"));
    YAMLMapper yaml = new YAMLMapper();
    JsonNode chart = yaml.readTree(files.get("gloo-ee/Chart.yaml"));
    assertEquals("gloo-ee", chart.path("name").asText());
    assertEquals("1.12.55", chart.path("version").asText());
    assertEquals("gloo", chart.at("/dependencies/0/name").asText());
    assertEquals("1.12.58", chart.at("/dependencies/0/version").asText());
    assertEquals("1.12.58", yaml.readTree(files.get("gloo-ee/charts/gloo/Chart.yaml")).path("version").asText());
    assertEquals("1.12.55", yaml.readTree(files.get("gloo-ee/charts/gloo-fed/Chart.yaml")).path("version").asText());
    // The 1.12 OSS subchart's RetryPolicy has no retryBackOff (it arrives in 1.13).
    assertFalse(files.get("gloo-ee/charts/gloo/crds/gateway.solo.io_v1_VirtualService.yaml").contains("retryBackOff"));
  }

  @Test
  void everyEnterpriseReleaseIsPackagedOnce() {
    assertEquals(EnterpriseVersions.all().stream().map(EnterpriseVersion::tag).toList(),
        EnterpriseFixtureCharts.enterpriseCharts().stream().map(ChartArchive::version).toList());
    assertSame(EnterpriseFixtureCharts.enterpriseCharts(), EnterpriseFixtureCharts.enterpriseCharts());
  }

  private static Manifests render(String version, Map<String, Object> values) {
    var template = new Helm(EnterpriseFixtureCharts.enterpriseChart(version).file()).template()
        .withName("gloo").withNamespace(NS);
    values.forEach(template::set);
    return Manifests.parse(template.call());
  }

  /** helm-java's template leaves hooks out: renamed hook annotations make them plain manifests. */
  private static Manifests renderHooksAsManifests(EnterpriseVersion version, Path dir) {
    Path chart = EnterpriseFixtureCharts.writeEnterpriseChart(version, dir.resolve("src"));
    try (Stream<Path> files = Files.walk(chart)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && f.getParent().endsWith("templates"))
          .toList()) {
        Files.writeString(file, Files.readString(file).replace("\"helm.sh/hook", "\"unhooked/hook"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path archive = ChartPackager.pack(chart, dir.resolve("out")).file();
    return Manifests.parse(new Helm(archive).template().withName("gloo").withNamespace(NS)
        .set("license_key", "a-licence").call());
  }

  private static void assertImage(Manifests m, String deployment, String container, String image,
      EnterpriseVersion ee) {
    JsonNode template = m.get("Deployment", deployment).at("/spec/template");
    assertEquals(container, template.at("/spec/containers/0/name").asText(), deployment);
    assertEquals(image, template.at("/spec/containers/0/image").asText(), deployment);
    // The OSS chart shows the OSS tag on the gloo pod only (GLOO_CHARTS.md, section 13).
    if (List.of("gloo", "extauth", "rate-limit").contains(deployment)) {
      assertEquals(ee.ossTag(), template.at("/metadata/annotations").path("gloo.solo.io/oss-image-tag").asText(),
          deployment);
    }
  }

  private static JsonNode envNamed(JsonNode env, String name) {
    for (JsonNode variable : env) {
      if (variable.path("name").asText().equals(name)) {
        return variable;
      }
    }
    throw new AssertionError("no env " + name + " in " + env);
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static Map<String, String> untar(byte[] tgz) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GzipCompressorInputStream(new ByteArrayInputStream(tgz)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        files.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
