package io.glooupgrade.selftest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import io.glooupgrade.embedded.catalog.FixtureCharts;
import io.glooupgrade.embedded.catalog.GlooVersions;
import io.glooupgrade.embedded.catalog.ChartPackager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixture gloo chart renders, through real Helm, the real chart's structure as GLOO_CHARTS.md
 * states it: the 33 regular objects and 24 hooks, their phases, weights and delete policies, the
 * labels and selectors (no {@code app: gloo} on pod templates), the webhook configuration, the
 * Jobs' accounts, and the differences between releases.
 */
class FixtureGlooChartTest {

  private static final String NS = "gloo-system";
  private static final String UNHOOKED = "unhooked/hook";

  @Test
  void rendersTheRealChartsInventoryOf33RegularObjectsAnd24Hooks() {
    Manifests m = render("1.19.20", Map.of());
    List<String> regular = new ArrayList<>();
    List<String> hooks = new ArrayList<>();
    for (String name : m.names()) {
      String[] kindName = name.split("/", 2);
      (hook(m.get(kindName[0], kindName[1])) == null ? regular : hooks).add(name);
    }
    assertThat(regular).containsExactlyInAnyOrder(
        "ServiceAccount/gloo", "ServiceAccount/discovery", "ServiceAccount/gateway-proxy",
        "ServiceAccount/gloo-resource-rollout",
        "ConfigMap/gloo-custom-resource-config", "ConfigMap/gateway-proxy-envoy-config",
        "ClusterRole/kube-resource-watcher-gloo-system", "ClusterRole/kube-leader-election-gloo-system",
        "ClusterRole/gloo-upstream-mutator-gloo-system", "ClusterRole/gloo-resource-reader-gloo-system",
        "ClusterRole/settings-user-gloo-system", "ClusterRole/gloo-resource-mutator-gloo-system",
        "ClusterRole/gateway-resource-reader-gloo-system", "ClusterRole/gloo-graphqlapi-mutator-gloo-system",
        "ClusterRole/gloo-resource-rollout-gloo-system",
        "ClusterRoleBinding/kube-resource-watcher-binding-gloo-system",
        "ClusterRoleBinding/kube-leader-election-binding-gloo-system",
        "ClusterRoleBinding/gloo-upstream-mutator-binding-gloo-system",
        "ClusterRoleBinding/gloo-resource-reader-binding-gloo-system",
        "ClusterRoleBinding/settings-user-binding-gloo-system",
        "ClusterRoleBinding/gloo-resource-mutator-binding-gloo-system",
        "ClusterRoleBinding/gateway-resource-reader-binding-gloo-system",
        "ClusterRoleBinding/gloo-graphqlapi-mutator-binding-gloo-system",
        "ClusterRoleBinding/gloo-resource-rollout-gloo-system",
        "Role/gloo-resource-rollout", "RoleBinding/gloo-resource-rollout",
        "Service/gloo", "Service/gateway-proxy",
        "Deployment/gloo", "Deployment/discovery", "Deployment/gateway-proxy",
        "Job/gloo-resource-rollout", "Settings/default");
    assertThat(hooks).hasSize(24);
  }

  @Test
  void hooksRunInTheRealPhasesWeightsAndDeletePolicies() {
    Manifests m = render("1.19.20", Map.of());
    Map<String, String> table = new TreeMap<>();
    for (String name : m.names()) {
      String[] kindName = name.split("/", 2);
      JsonNode object = m.get(kindName[0], kindName[1]);
      if (hook(object) != null) {
        JsonNode annotations = object.at("/metadata/annotations");
        table.put(name, hook(object).replace(" ", "") + " w" + annotations.path(UNHOOKED + "-weight").asText()
            + " " + annotations.path(UNHOOKED + "-delete-policy").asText("none"));
      }
    }
    String hs = "hook-succeeded,before-hook-creation";
    assertThat(table).containsAllEntriesOf(Map.ofEntries(
        Map.entry("ServiceAccount/certgen", "pre-install,pre-upgrade w5 none"),
        Map.entry("Role/gloo-gateway-secret-create-gloo-system", "pre-install,pre-upgrade w5 none"),
        Map.entry("ClusterRole/gloo-gateway-vwc-update-gloo-system", "pre-install,pre-upgrade w5 none"),
        Map.entry("ValidatingWebhookConfiguration/gloo-gateway-validation-webhook-gloo-system",
            "pre-install,pre-upgrade w5 none"),
        Map.entry("Job/gateway-certgen", "pre-install,pre-upgrade w10 before-hook-creation"),
        Map.entry("ServiceAccount/gloo-resource-migration", "pre-upgrade w0 " + hs),
        Map.entry("ClusterRole/gloo-resource-migration-gloo-system", "pre-upgrade w0 " + hs),
        Map.entry("ServiceAccount/gloo-resource-rollout-cleanup", "pre-upgrade w0 none"),
        Map.entry("Job/gloo-resource-migration", "pre-upgrade w3 before-hook-creation"),
        Map.entry("Job/gloo-resource-rollout-cleanup", "pre-upgrade w5 before-hook-creation"),
        Map.entry("Job/gloo-resource-rollout-check", "post-install,post-upgrade w5 before-hook-creation"),
        Map.entry("ServiceAccount/gloo-resource-cleanup", "pre-delete w0 " + hs),
        Map.entry("ClusterRole/gloo-resource-cleanup-gloo-system", "pre-delete w0 " + hs),
        Map.entry("Job/gloo-resource-cleanup", "pre-delete w5 before-hook-creation")));
    assertThat(m.get("Job", "gateway-certgen").at("/spec/ttlSecondsAfterFinished").asInt()).isEqualTo(60);
    assertThat(m.get("Job", "gloo-resource-cleanup").at("/spec/ttlSecondsAfterFinished").asInt()).isEqualTo(60);
    assertThat(m.get("Job", "gloo-resource-rollout-check").at("/spec/ttlSecondsAfterFinished").asInt())
        .isEqualTo(300);
    // Without the TTL, the delete policy becomes hook-succeeded,before-hook-creation.
    JsonNode noTtl = render("1.19.20", Map.of("gateway.certGenJob.setTtlAfterFinished", false))
        .get("Job", "gateway-certgen");
    assertThat(noTtl.at("/metadata/annotations").path(UNHOOKED + "-delete-policy").asText()).isEqualTo(hs);
    assertThat(noTtl.at("/spec").has("ttlSecondsAfterFinished")).isFalse();
  }

  @Test
  void theRolloutJobIsAPlainResourceOfTheReleaseWithItsTtl() {
    JsonNode rollout = render("1.19.20", Map.of()).get("Job", "gloo-resource-rollout");
    assertThat(rollout.at("/metadata/annotations").has(UNHOOKED)).isFalse();
    assertThat(rollout.at("/metadata/annotations/argocd.argoproj.io~1hook").asText()).isEqualTo("Sync");
    assertThat(rollout.at("/spec/ttlSecondsAfterFinished").asInt()).isEqualTo(300);
    assertThat(rollout.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo("gloo-resource-rollout");
    assertThat(rollout.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("quay.io/solo-io/kubectl:1.19.20");
  }

  @Test
  void everyJobRunsWithTheRealAccountImageAndSecurity() {
    Manifests m = render("1.19.20", Map.of());
    Map<String, String> accounts = Map.of("gateway-certgen", "certgen", "gloo-resource-rollout",
        "gloo-resource-rollout", "gloo-resource-rollout-check", "gloo-resource-rollout",
        "gloo-resource-rollout-cleanup", "gloo-resource-rollout-cleanup", "gloo-resource-migration",
        "gloo-resource-migration", "gloo-resource-cleanup", "gloo-resource-cleanup");
    assertThat(m.names("Job")).containsExactlyInAnyOrderElementsOf(accounts.keySet());
    accounts.forEach((job, account) -> {
      JsonNode pod = m.get("Job", job).at("/spec/template");
      assertThat(pod.at("/spec/serviceAccountName").asText()).as(job).isEqualTo(account);
      assertThat(pod.at("/spec/restartPolicy").asText()).as(job).isEqualTo("OnFailure");
      assertThat(pod.at("/metadata/labels/sidecar.istio.io~1inject").asText()).as(job).isEqualTo("false");
      JsonNode container = pod.at("/spec/containers/0");
      assertThat(container.at("/securityContext/runAsUser").asInt()).as(job).isEqualTo(10101);
      assertThat(container.at("/securityContext/runAsNonRoot").asBoolean()).as(job).isTrue();
      assertThat(container.path("image").asText()).as(job).isEqualTo(job.equals("gateway-certgen")
          ? "quay.io/solo-io/certgen:1.19.20" : "quay.io/solo-io/kubectl:1.19.20");
    });
    assertThat(m.get("Job", "gateway-certgen").at("/spec/template/spec/containers/0/args").toString())
        .contains("--secret-name=gateway-validation-certs", "--svc-name=gloo",
            "--validating-webhook-configuration-name=gloo-gateway-validation-webhook-gloo-system",
            "--force-rotation=true");
    // The cleanup account may delete the webhook and list/delete Gloo resources, but not get CRDs.
    assertThat(m.get("ClusterRole", "gloo-resource-cleanup-gloo-system").path("rules").toString())
        .doesNotContain("customresourcedefinitions");
    assertThat(m.get("ClusterRole", "gloo-resource-migration-gloo-system").path("rules").toString())
        .contains("customresourcedefinitions");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.18.41", "1.19.20"})
  void podTemplatesCarryTheirGlooLabelOnlyAndTheReleasesImages(String version) {
    Manifests m = render(version, Map.of());
    for (String[] d : new String[][] {{"gloo", "gloo"}, {"discovery", "discovery"},
        {"gateway-proxy", "gloo-envoy-wrapper"}}) {
      JsonNode deployment = m.get("Deployment", d[0]);
      assertThat(labels(deployment.at("/metadata/labels"))).containsEntry("app", "gloo").containsEntry("gloo", d[0]);
      Map<String, String> podLabels = labels(deployment.at("/spec/template/metadata/labels"));
      assertThat(podLabels).as(d[0]).doesNotContainKey("app").containsEntry("gloo", d[0]);
      assertThat(podLabels).containsAllEntriesOf(labels(deployment.at("/spec/selector/matchLabels")));
      assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
          .isEqualTo("quay.io/solo-io/" + d[1] + ":" + version);
    }
    assertThat(m.get("Deployment", "gloo").at("/spec/template/metadata/annotations/gloo.solo.io~1oss-image-tag")
        .asText()).isEqualTo(version);
    assertThat(m.get("Deployment", "gateway-proxy").at("/spec/template/metadata/annotations")
        .has("gloo.solo.io/oss-image-tag")).isFalse();
    JsonNode gloo = m.get("Deployment", "gloo").at("/spec/template/spec");
    assertThat(gloo.path("volumes").toString()).contains("\"secretName\":\"gateway-validation-certs\"")
        .contains("downwardAPI");
    assertThat(ports(gloo.at("/containers/0/ports"), "containerPort")).isEqualTo(Map.of("grpc-xds", 9977,
        "rest-xds", 9976, "grpc-validation", 9988, "grpc-proxydebug", 9966, "wasm-cache", 9979));
    assertThat(gloo.at("/containers/0/readinessProbe/tcpSocket/port").asInt()).isEqualTo(9977);
    JsonNode glooService = m.get("Service", "gloo");
    assertThat(labels(glooService.at("/spec/selector"))).isEqualTo(Map.of("gloo", "gloo"));
    assertThat(glooService.at("/spec/ports").toString()).contains("\"name\":\"https\",\"port\":443,\"targetPort\":8443");
    JsonNode proxyService = m.get("Service", "gateway-proxy");
    assertThat(proxyService.at("/spec/type").asText()).isEqualTo("LoadBalancer");
    assertThat(labels(proxyService.at("/spec/selector")))
        .isEqualTo(Map.of("gateway-proxy-id", "gateway-proxy", "gateway-proxy", "live"));
  }

  @Test
  void theWebhookIsSplitInTwoFrom118WithNoPortNorTimeoutAndIgnoreOnBoth() {
    JsonNode split = render("1.18.41", Map.of()).get("ValidatingWebhookConfiguration",
        "gloo-gateway-validation-webhook-gloo-system");
    assertThat(split.path("webhooks")).hasSize(2);
    assertThat(split.at("/webhooks/0/name").asText()).isEqualTo("gloo.gloo-system.svc");
    assertThat(split.at("/webhooks/1/name").asText()).isEqualTo("kube.gloo-system.svc");
    for (JsonNode webhook : split.path("webhooks")) {
      assertThat(webhook.at("/clientConfig/service/port").isMissingNode()).isTrue();
      assertThat(webhook.at("/clientConfig/service/path").asText()).isEqualTo("/validation");
      assertThat(webhook.at("/clientConfig/caBundle").asText()).isEmpty();
      assertThat(webhook.has("timeoutSeconds")).isFalse();
      assertThat(webhook.path("failurePolicy").asText()).isEqualTo("Ignore");
    }
    assertThat(split.at("/webhooks/0/rules").toString()).contains("gateways").contains("ratelimitconfigs")
        .doesNotContain("secrets");
    assertThat(split.at("/webhooks/1/rules").toString()).contains("secrets").contains("namespaces");
    JsonNode one = render("1.17.38", Map.of()).get("ValidatingWebhookConfiguration",
        "gloo-gateway-validation-webhook-gloo-system");
    assertThat(one.path("webhooks")).hasSize(1);
    assertThat(one.at("/webhooks/0/rules").toString()).contains("secrets").contains("virtualservices");
  }

  @Test
  void gatewayProxyProbesAreExecWgetOnEnvoysAdminAndGracefulShutdownIsAPreStop() {
    JsonNode off = render("1.19.20", Map.of()).get("Deployment", "gateway-proxy")
        .at("/spec/template/spec/containers/0");
    assertThat(off.has("readinessProbe")).isFalse();
    assertThat(off.has("lifecycle")).isFalse();
    JsonNode on = render("1.19.20", Map.of("gatewayProxies.gatewayProxy.podTemplate.probes", true,
        "gatewayProxies.gatewayProxy.podTemplate.livenessProbeEnabled", true,
        "gatewayProxies.gatewayProxy.podTemplate.gracefulShutdown.enabled", true))
        .get("Deployment", "gateway-proxy").at("/spec/template/spec/containers/0");
    assertThat(on.at("/readinessProbe/exec/command").toString()).contains("wget", "127.0.0.1:19000/ready");
    assertThat(on.at("/livenessProbe/exec/command").toString()).contains("127.0.0.1:19000/server_info");
    assertThat(on.at("/lifecycle/preStop/exec/command").toString()).contains("healthcheck/fail", "sleep 25");
  }

  @Test
  void releasesDifferAsTheFactsSay() throws IOException {
    assertThat(render("1.20.22", Map.of()).names("Deployment")).containsExactlyInAnyOrder("gloo", "gateway-proxy");
    assertThat(render("1.19.20", Map.of()).get("ClusterRole", "gateway-resource-reader-gloo-system").toString())
        .contains("listeneroptions");
    assertThat(render("1.18.41", Map.of()).get("ClusterRole", "gateway-resource-reader-gloo-system").toString())
        .doesNotContain("listeneroptions");
    assertThat(values("1.19.20").at("/global/image").has("disableDigest")).isTrue();
    assertThat(values("1.18.41").at("/global/image").has("disableDigest")).isFalse();
    assertThat(render("1.16.27", Map.of()).names("ClusterRole")).contains("gloo-gateway-secret-create-gloo-system");
    assertThat(render("1.17.38", Map.of()).names("Role")).contains("gloo-gateway-secret-create-gloo-system");
  }

  @Test
  void clusterScopedNamesEndInTheReleaseNamespaceSoTwoInstallsCoexist() {
    List<String> canary = renderIn("1.19.20", "gloo-system-canary", Map.of()).names("ClusterRole");
    assertThat(canary).isNotEmpty().allSatisfy(name -> assertThat(name).endsWith("-gloo-system-canary"));
  }

  @Test
  void chartsArePackagedOncePerJvm() {
    assertThat(FixtureCharts.ossCharts()).hasSize(GlooVersions.all().size());
    assertThat(FixtureCharts.ossCharts()).isSameAs(FixtureCharts.ossCharts());
  }

  private static String hook(JsonNode object) {
    JsonNode hook = object.at("/metadata/annotations").path(UNHOOKED);
    return hook.isMissingNode() ? null : hook.asText();
  }

  private static Manifests render(String version, Map<String, Object> values) {
    return renderIn(version, NS, values);
  }

  // helm template leaves hooks out: the chart is rendered with its hook annotations renamed.
  private static Manifests renderIn(String version, String namespace, Map<String, Object> values) {
    try {
      Path dir = Files.createTempDirectory("gloo-chart-");
      Path chart = FixtureCharts.writeOssChart(GlooVersions.of(version), dir.resolve("src"));
      try (Stream<Path> files = Files.walk(chart.resolve("templates"))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.writeString(file, Files.readString(file).replace("\"helm.sh/hook", "\"" + UNHOOKED));
        }
      }
      var template = new Helm(ChartPackager.pack(chart, dir.resolve("out")).file()).template()
          .withName("gloo").withNamespace(namespace);
      values.forEach(template::set);
      return Manifests.parse(template.call());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode values(String version) throws IOException {
    return new YAMLMapper().readTree(new Helm(FixtureCharts.ossChart(version).file()).show().values().call());
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
}
