package io.glooupgrade.selftest.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import io.glooupgrade.embedded.catalog.EnterpriseFixtureCharts;
import io.glooupgrade.embedded.catalog.EnterpriseVersion;
import io.glooupgrade.embedded.catalog.EnterpriseVersions;
import io.glooupgrade.embedded.catalog.GlooCrd;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code helm install gloo glooe/gloo-ee --set license_key=...} with real Helm against an embedded
 * API server: the release's objects are what the twin and glooctl will look at.
 *
 * <p>A bare API server has no controllers to complete the OSS subchart's hook Jobs, which Helm
 * waits for: the pre-install {@code gateway-certgen} and the post-install
 * {@code gloo-resource-rollout-check} (which waits for the {@code gloo-resource-rollout} Job); the
 * install therefore turns them off
 * ({@code gloo.gateway.certGenJob.enabled=false}, {@code gloo.gateway.rolloutJob.enabled=false},
 * values of the real chart).
 */
class GlooEeInstallTest {

  private static final String NS = "gloo-system";

  private EmbeddedApiServer api;
  private String kubeconfig;
  private KubernetesClient kube;

  @BeforeEach
  void start() {
    api = EmbeddedApiServer.start("1.31.4");
    kubeconfig = EmbeddedKubeconfig.of(api.url());
    kube = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
  }

  @AfterEach
  void stop() {
    kube.close();
    api.close();
  }

  @Test
  void installingWithALicenceCreatesTheEnterpriseDeploymentsAndTheLicenceSecret() {
    EnterpriseVersion ee = EnterpriseVersions.of("1.18.14");
    Release release = install(ee, Map.of("license_key", "a-licence"));
    assertEquals("deployed", release.getStatus());

    Map<String, String> images = new TreeMap<>();
    for (Deployment d : kube.apps().deployments().inNamespace(NS).list().getItems()) {
      Container container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
      images.put(d.getMetadata().getName() + "/" + container.getName(), container.getImage());
      if (!List.of("discovery", "gateway-proxy").contains(d.getMetadata().getName())) {
        // The OSS chart shows the OSS tag on the gloo pod only (GLOO_CHARTS.md, section 13).
        assertEquals(ee.ossTag(), d.getSpec().getTemplate().getMetadata().getAnnotations()
            .get("gloo.solo.io/oss-image-tag"), d.getMetadata().getName());
      }
    }
    assertEquals(Map.of(
        "discovery/discovery", "quay.io/solo-io/discovery-ee:1.18.14",
        "extauth/extauth", "quay.io/solo-io/extauth-ee:1.18.14",
        "gateway-proxy/gateway-proxy", "quay.io/solo-io/gloo-ee-envoy-wrapper:1.18.14",
        "gloo/gloo", "quay.io/solo-io/gloo-ee:1.18.14",
        "rate-limit/rate-limit", "quay.io/solo-io/rate-limit-ee:1.18.14"), images);

    Secret licence = kube.secrets().inNamespace(NS).withName("license").get();
    assertNotNull(licence, "the license Secret");
    assertEquals("a-licence", new String(Base64.getDecoder().decode(licence.getData().get("license-key")),
        StandardCharsets.UTF_8));
    EnvVar licenceEnv = kube.apps().deployments().inNamespace(NS).withName("gloo").get().getSpec()
        .getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("GLOO_LICENSE_KEY")).findFirst().orElseThrow();
    assertEquals("license", licenceEnv.getValueFrom().getSecretKeyRef().getName());
    assertEquals("license-key", licenceEnv.getValueFrom().getSecretKeyRef().getKey());

    // helm install applies crds/ of the chart and of its enabled subcharts only: Federation is off.
    Set<String> crds = crdNames();
    assertTrue(crds.contains("virtualservices.gateway.solo.io"), crds.toString());
    assertFalse(crds.contains(GlooCrd.KUBERNETES_CLUSTERS.crdName()), crds.toString());
  }

  @Test
  void withFederationEnabledTheFederationDeploymentsAndCrdsArriveToo() {
    install(EnterpriseVersions.of("1.13.30"), Map.of("license_key", "k", "gloo-fed.enabled", true));
    Deployment fed = kube.apps().deployments().inNamespace(NS).withName("gloo-fed").get();
    assertNotNull(fed, "gloo-fed");
    assertEquals("quay.io/solo-io/gloo-fed:1.13.30",
        fed.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertNotNull(kube.apps().deployments().inNamespace(NS).withName("gloo-fed-console").get());
    Set<String> crds = crdNames();
    assertTrue(crds.contains(GlooCrd.KUBERNETES_CLUSTERS.crdName()), crds.toString());
    assertTrue(crds.contains(GlooCrd.FEDERATED_VIRTUAL_SERVICES.crdName()), crds.toString());
  }

  private Release install(EnterpriseVersion ee, Map<String, Object> values) {
    InstallCommand install = new Helm(EnterpriseFixtureCharts.enterpriseChart(ee).file()).install()
        .withName("gloo").withNamespace(NS).createNamespace().withKubeConfigContents(kubeconfig)
        .set("gloo.gateway.certGenJob.enabled", false).set("gloo.gateway.rolloutJob.enabled", false);
    values.forEach(install::set);
    return install.call();
  }

  private Set<String> crdNames() {
    return kube.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
        .map(HasMetadata::getMetadata).map(ObjectMeta::getName).collect(Collectors.toSet());
  }
}
