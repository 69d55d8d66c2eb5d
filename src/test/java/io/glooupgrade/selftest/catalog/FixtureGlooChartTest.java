package io.glooupgrade.selftest.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import io.glooupgrade.embedded.catalog.ChartPackager;
import io.glooupgrade.embedded.catalog.FixtureCharts;
import io.glooupgrade.embedded.catalog.GlooVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fixture gloo chart renders, through real Helm, what GLOO_FACTS.md says the real one does. */
class FixtureGlooChartTest {

  private static final String NS = "gloo-system";

  @ParameterizedTest
  @ValueSource(strings = {"1.18.41", "1.19.20"})
  void rendersTheComponentsWithTheReleasesImagesAndOssTag(String version) {
    Manifests m = render(version, Map.of());

    JsonNode gloo = m.get("Deployment", "gloo");
    assertLabels(gloo.path("metadata").path("labels"), Map.of("app", "gloo", "gloo", "gloo"));
    assertPodOf(gloo, version, "gloo", "quay.io/solo-io/gloo:" + version);
    JsonNode glooContainer = gloo.at("/spec/template/spec/containers/0");
    assertEquals(Map.of("grpc-xds", 9977, "rest-xds", 9976, "grpc-validation", 9988,
        "grpc-proxydebug", 9966, "wasm-cache", 9979, "http-monitoring", 9091),
        ports(glooContainer.path("ports"), "containerPort"));
    JsonNode readiness = glooContainer.path("readinessProbe");
    assertEquals(9977, readiness.at("/tcpSocket/port").asInt());
    assertEquals(3, readiness.path("initialDelaySeconds").asInt());
    assertEquals(10, readiness.path("periodSeconds").asInt());
    assertEquals(3, readiness.path("failureThreshold").asInt());

    JsonNode discovery = m.get("Deployment", "discovery");
    assertLabels(discovery.path("metadata").path("labels"), Map.of("app", "gloo", "gloo", "discovery"));
    assertPodOf(discovery, version, "discovery", "quay.io/solo-io/discovery:" + version);

    JsonNode proxy = m.get("Deployment", "gateway-proxy");
    assertLabels(proxy.path("metadata").path("labels"),
        Map.of("app", "gloo", "gloo", "gateway-proxy", "gateway-proxy-id", "gateway-proxy"));
    assertEquals("live", proxy.at("/spec/template/metadata/labels/gateway-proxy").asText());
    assertPodOf(proxy, version, "gateway-proxy", "quay.io/solo-io/gloo-envoy-wrapper:" + version);
    assertEquals(Map.of("http", 8080, "https", 8443, "admin", 19000),
        ports(proxy.at("/spec/template/spec/containers/0/ports"), "containerPort"));

    JsonNode glooService = m.get("Service", "gloo");
    assertEquals("ClusterIP", glooService.at("/spec/type").asText());
    assertEquals(Map.of("gloo", "gloo"), labels(glooService.at("/spec/selector")));
    assertEquals(Map.of("grpc-xds", 9977, "rest-xds", 9976, "grpc-validation", 9988,
        "grpc-proxydebug", 9966, "wasm-cache", 9979, "https", 443),
        ports(glooService.at("/spec/ports"), "port"));
    assertEquals(8443, portNamed(glooService.at("/spec/ports"), "https").path("targetPort").asInt());

    JsonNode proxyService = m.get("Service", "gateway-proxy");
    assertEquals("LoadBalancer", proxyService.at("/spec/type").asText());
    assertEquals(Map.of("gateway-proxy-id", "gateway-proxy", "gateway-proxy", "live"),
        labels(proxyService.at("/spec/selector")));
    assertEquals(8080, portNamed(proxyService.at("/spec/ports"), "http").path("targetPort").asInt());
    assertEquals(80, portNamed(proxyService.at("/spec/ports"), "http").path("port").asInt());
    assertEquals(8443, portNamed(proxyService.at("/spec/ports"), "https").path("targetPort").asInt());
    assertEquals(443, portNamed(proxyService.at("/spec/ports"), "https").path("port").asInt());

    assertFalse(m.names("Job").contains("gloo-resource-rollout"), "the rollout Job is a hook, not a manifest");

    assertTrue(m.names("ServiceAccount").containsAll(List.of("gloo", "discovery", "gateway-proxy")));
    assertTrue(m.names("ClusterRole").containsAll(List.of("kube-resource-watcher-" + NS,
        "gloo-upstream-mutator-" + NS, "gateway-resource-reader-" + NS)));
    JsonNode settings = m.get("Settings", "default");
    assertEquals("gloo.solo.io/v1", settings.path("apiVersion").asText());
    assertEquals("gloo:9988", settings.at("/spec/gateway/validation/proxyValidationServerAddr").asText());
    assertEquals(104857600L, settings.at("/spec/gateway/validation/validationServerGrpcMaxSizeBytes").asLong());
  }

  @Test
  void ossReadsNoLicenceUnlessTheEnterpriseChartAddsIt() {
    Manifests m = render("1.18.41", Map.of());
    for (String name : List.of("gloo", "discovery")) {
      JsonNode env = m.get("Deployment", name).at("/spec/template/spec/containers/0/env");
      assertEquals("POD_NAMESPACE", env.path(0).path("name").asText(), name);
      env.forEach(e -> assertFalse(e.path("name").asText().equals("GLOO_LICENSE_KEY"), name));
    }
    JsonNode custom = render("1.18.41", Map.of("gloo.deployment.customEnv[0].name", "EXTRA",
        "gloo.deployment.customEnv[0].value", "on")).get("Deployment", "gloo")
        .at("/spec/template/spec/containers/0/env/0");
    assertEquals("EXTRA", custom.path("name").asText());
    assertEquals("on", custom.path("value").asText());
  }

  @Test
  void clusterScopedRbacNamesCarryTheNamespaceSoTwoInstallsCoexist() {
    List<String> inGlooSystem = render("1.19.20", Map.of()).names("ClusterRole");
    List<String> inCanary = renderIn("1.19.20", "gloo-system-canary", Map.of()).names("ClusterRole");
    assertTrue(inGlooSystem.stream().noneMatch(inCanary::contains), inGlooSystem + " vs " + inCanary);
  }

  @Test
  void gatewayProxyProbesAppearOnlyWhenTurnedOn() {
    JsonNode off = render("1.18.41", Map.of()).get("Deployment", "gateway-proxy")
        .at("/spec/template/spec/containers/0");
    assertFalse(off.has("readinessProbe"));
    assertFalse(off.has("livenessProbe"));
    assertFalse(off.has("lifecycle"));

    JsonNode readinessOnly = render("1.18.41",
        Map.of("gatewayProxies.gatewayProxy.podTemplate.probes", true))
        .get("Deployment", "gateway-proxy").at("/spec/template/spec/containers/0");
    assertTrue(readinessOnly.has("readinessProbe"));
    assertFalse(readinessOnly.has("livenessProbe"));

    JsonNode on = render("1.18.41", Map.of(
        "gatewayProxies.gatewayProxy.podTemplate.probes", true,
        "gatewayProxies.gatewayProxy.podTemplate.livenessProbeEnabled", true,
        "gatewayProxies.gatewayProxy.gracefulShutdown.enabled", true))
        .get("Deployment", "gateway-proxy").at("/spec/template/spec/containers/0");
    JsonNode readiness = on.path("readinessProbe");
    assertEquals("/ready", readiness.at("/httpGet/path").asText());
    assertEquals(19000, readiness.at("/httpGet/port").asInt());
    assertEquals(3, readiness.path("initialDelaySeconds").asInt());
    assertEquals(10, readiness.path("periodSeconds").asInt());
    assertEquals(3, readiness.path("failureThreshold").asInt());
    assertEquals("/server_info", on.at("/livenessProbe/httpGet/path").asText());
    assertTrue(on.at("/lifecycle/preStop/exec/command/2").asText().endsWith("sleep 25"));
  }

  @Test
  void certgenAndRolloutJobsAndValidationWebhookAreHelmHooks(@TempDir Path dir) {
    // helm-java's template leaves hooks out of its output; renaming the hook annotations makes
    // Helm render them as plain manifests, with the values they would carry.
    Manifests m = renderHooksAsManifests("1.18.41", dir);

    JsonNode certgen = m.get("Job", "gateway-certgen");
    JsonNode annotations = certgen.path("metadata").path("annotations");
    assertEquals("pre-install,pre-upgrade", annotations.path("unhooked/hook").asText());
    assertEquals("10", annotations.path("unhooked/hook-weight").asText());
    assertEquals("before-hook-creation", annotations.path("unhooked/hook-delete-policy").asText());
    assertEquals(60, certgen.at("/spec/ttlSecondsAfterFinished").asInt());
    JsonNode pod = certgen.at("/spec/template/spec");
    assertEquals("OnFailure", pod.path("restartPolicy").asText());
    assertEquals("certgen", pod.at("/containers/0/name").asText());
    assertEquals("quay.io/solo-io/certgen:1.18.41", pod.at("/containers/0/image").asText());

    // Recreated on each install and upgrade rather than patched: a Job's pod template is immutable.
    JsonNode rollout = m.get("Job", "gloo-resource-rollout");
    JsonNode rolloutHook = rollout.path("metadata").path("annotations");
    assertEquals("post-install,post-upgrade", rolloutHook.path("unhooked/hook").asText());
    assertEquals("5", rolloutHook.path("unhooked/hook-weight").asText());
    assertEquals("before-hook-creation", rolloutHook.path("unhooked/hook-delete-policy").asText());
    assertEquals(300, rollout.at("/spec/ttlSecondsAfterFinished").asInt());
    assertEquals("quay.io/solo-io/kubectl:1.18.41", rollout.at("/spec/template/spec/containers/0/image").asText());
    assertEquals("1.18.41", rollout.at("/spec/template/metadata/annotations")
        .path("gloo.solo.io/oss-image-tag").asText());

    JsonNode webhook = m.get("ValidatingWebhookConfiguration", "gloo-gateway-validation-webhook-" + NS);
    assertEquals("pre-install,pre-upgrade", webhook.at("/metadata/annotations").path("unhooked/hook").asText());
    assertEquals("5", webhook.at("/metadata/annotations").path("unhooked/hook-weight").asText());
    JsonNode service = webhook.at("/webhooks/0/clientConfig/service");
    assertEquals("gloo", service.path("name").asText());
    assertEquals(NS, service.path("namespace").asText());
    assertEquals(443, service.path("port").asInt());
    assertEquals("/validation", service.path("path").asText());
    assertEquals("Ignore", webhook.at("/webhooks/0/failurePolicy").asText());
    assertEquals("gateway.solo.io", webhook.at("/webhooks/0/rules/0/apiGroups/0").asText());
    assertEquals("gloo.solo.io", webhook.at("/webhooks/0/rules/1/apiGroups/0").asText());
  }

  @Test
  void someValuesExistOnlyInSomeReleases() throws IOException {
    JsonNode v116 = values("1.16.27");
    JsonNode v118 = values("1.18.41");
    JsonNode v119 = values("1.19.20");
    assertFalse(v116.at("/global/image").has("variant"));
    assertTrue(v118.at("/global/image").has("variant"));
    assertTrue(v118.at("/global/image").has("fips"));
    assertFalse(v119.at("/global/image").has("fips"));
    assertFalse(values("1.17.38").at("/gatewayProxies/gatewayProxy").has("istioSpiffeCertProviderAddress"));
    assertTrue(v118.at("/gatewayProxies/gatewayProxy").has("istioSpiffeCertProviderAddress"));
    assertEquals("1.19.20", v119.at("/gloo/deployment/image/tag").asText());
    assertEquals("quay.io/solo-io", v119.at("/gloo/deployment/image/registry").asText());
    assertFalse(v119.at("/gatewayProxies/gatewayProxy/podTemplate/probes").asBoolean(true));
    assertEquals(25, v119.at("/gatewayProxies/gatewayProxy/gracefulShutdown/sleepTimeSeconds").asInt());
  }

  @Test
  void chartsArePackagedOncePerJvm() {
    assertEquals(GlooVersions.all().size(), FixtureCharts.ossCharts().size());
    assertSame(FixtureCharts.ossCharts(), FixtureCharts.ossCharts());
    System.out.println("Packaged " + FixtureCharts.ossCharts().size() + " gloo charts in "
        + FixtureCharts.packagingMillis() + " ms");
  }

  private static Manifests render(String version, Map<String, Object> values) {
    return renderIn(version, NS, values);
  }

  private static Manifests renderIn(String version, String namespace, Map<String, Object> values) {
    var template = new Helm(FixtureCharts.ossChart(version).file()).template()
        .withName("gloo").withNamespace(namespace);
    values.forEach(template::set);
    return Manifests.parse(template.call());
  }

  private static Manifests renderHooksAsManifests(String version, Path dir) {
    Path chart = FixtureCharts.writeOssChart(GlooVersions.of(version), dir.resolve("src"));
    try (Stream<Path> files = Files.walk(chart.resolve("templates"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.writeString(file, Files.readString(file).replace("\"helm.sh/hook", "\"unhooked/hook"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path archive = ChartPackager.pack(chart, dir.resolve("out")).file();
    return Manifests.parse(new Helm(archive).template().withName("gloo").withNamespace(NS).call());
  }

  private static JsonNode values(String version) throws IOException {
    String yaml = new Helm(FixtureCharts.ossChart(version).file()).show().values().call();
    return new YAMLMapper().readTree(yaml);
  }

  private static void assertPodOf(JsonNode deployment, String version, String container, String image) {
    JsonNode template = deployment.at("/spec/template");
    assertEquals(version, template.at("/metadata/annotations").path("gloo.solo.io/oss-image-tag").asText());
    assertEquals(container, template.at("/spec/containers/0/name").asText());
    assertEquals(image, template.at("/spec/containers/0/image").asText());
    Map<String, String> podLabels = labels(template.at("/metadata/labels"));
    labels(deployment.at("/spec/selector/matchLabels")).forEach((k, v) ->
        assertEquals(v, podLabels.get(k), "selector " + k + " of " + deployment.at("/metadata/name")));
    labels(deployment.at("/metadata/labels")).forEach((k, v) ->
        assertEquals(v, podLabels.get(k), "pod label " + k + " of " + deployment.at("/metadata/name")));
  }

  private static void assertLabels(JsonNode labels, Map<String, String> expected) {
    assertEquals(expected, labels(labels));
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> labels = new TreeMap<>();
    node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private static Map<String, Integer> ports(JsonNode ports, String numberField) {
    Map<String, Integer> byName = new TreeMap<>();
    ports.forEach(p -> byName.put(p.path("name").asText(), p.path(numberField).asInt()));
    return byName;
  }

  private static JsonNode portNamed(JsonNode ports, String name) {
    for (JsonNode port : ports) {
      if (port.path("name").asText().equals(name)) {
        return port;
      }
    }
    throw new AssertionError("no port " + name + " in " + ports);
  }
}
