package io.glooupgrade.selftest.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.glooupgrade.embedded.EmbeddedCluster;
import io.glooupgrade.embedded.catalog.GlooCrds;
import io.glooupgrade.embedded.catalog.GlooVersion;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.programs.Certgen;
import io.glooupgrade.embedded.twin.ProxyStartup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gloo pod's validation webhook over TLS, in one embedded cluster, seen through the API only.
 * A gloo 1.19.20 Deployment mounts the Secret {@code gateway-validation-certs} at
 * /etc/gateway/validation-certs, as the chart's does; the 1.20.22 CRDs keep a field 1.19.20 does not
 * know, and the fault "the old webhook rejects new fields" is on, so a write that reaches the webhook
 * is denied with Gloo's message and one that does not is not.
 * <ul>
 *   <li>{@link #withoutItsSecretTheGlooPodServesNoWebhook()}: before certgen the call fails.</li>
 *   <li>{@link #afterCertgenTheWebhookIsCalledOverTlsAndStillAfterARotation()}: certgen writes the
 *       Secret and the caBundle, the webhook's verdict applies; after a forced rotation (new CA only
 *       in the caBundle) it still applies, so the pod presents the new certificate.</li>
 *   <li>{@link #aRecreatedConfigurationWithoutCaBundleFailsUntilCertgenRunsAgain()}: as on every
 *       Helm upgrade before certgen: Ignore admits unvalidated, Fail refuses with the x509 wording.</li>
 * </ul>
 */
class ValidationWebhookTlsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String NS = "gloo-system";
  private static final String VWC = "gloo-gateway-validation-webhook-gloo-system";
  private static final List<String> CERTGEN_ARGS = List.of("--secret-name=gateway-validation-certs",
      "--svc-name=gloo", "--validating-webhook-configuration-name=" + VWC, "--force-rotation=true");
  private static final ResourceDefinitionContext VIRTUAL_SERVICES = new ResourceDefinitionContext.Builder()
      .withGroup("gateway.solo.io").withVersion("v1").withPlural("virtualservices").withKind("VirtualService")
      .withNamespaced(true).build();
  private static final String DENIED = "admission webhook \"gloo.gloo-system.svc\" denied the request: "
      + "resource incompatible with current Gloo snapshot";
  private static final String RETRYING_VIRTUAL_SERVICE = """
      {"apiVersion":"gateway.solo.io/v1","kind":"VirtualService",
       "metadata":{"name":"retrying","namespace":"gloo-system"},
       "spec":{"virtualHost":{"domains":["retrying.example.com"],"routes":[{"matchers":[{"prefix":"/"}],
         "routeAction":{"single":{"upstream":{"name":"default-petstore-8080","namespace":"gloo-system"}}},
         "options":{"retries":{"retryOn":"5xx","numRetries":3,
           "rateLimitedRetryBackOff":{"maxInterval":"10s"}}}}]}}}
      """;

  private EmbeddedCluster cluster;
  private KubernetesClient client;

  /** A write as the client sees it: the status code and the API's message. */
  private record Write(int code, String message) {
  }

  @BeforeEach
  void glooWithTheNewCrds() {
    cluster = EmbeddedCluster.start("tls", "1.31.4", ProxyStartup.after(Duration.ZERO),
        Faults.none().oldWebhookRejectsNewFields());
    client = new KubernetesClientBuilder().withConfig(Config.empty()).editOrNewConfig().withMasterUrl(cluster.url())
        .withRequestTimeout(15_000).withRequestRetryBackoffLimit(0).endConfig().build();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    GlooCrds.crdFolder(GlooVersion.parse("1.20.22")).values().forEach(yaml -> client.load(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items().forEach(o -> client.resource(o).create()));
    client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("gloo").endMetadata()
        .withNewSpec().withSelector(Map.of("gloo", "gloo"))
        .addNewPort().withName("grpc-xds").withPort(9977).endPort()
        .addNewPort().withName("https").withPort(443).withNewTargetPort(8443).endPort().endSpec().build()).create();
    client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("gloo")
        .endMetadata().withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(Map.of("gloo", "gloo"))
        .endSelector().withNewTemplate().withNewMetadata().withLabels(Map.of("gloo", "gloo"))
        .withAnnotations(Map.of("gloo.solo.io/oss-image-tag", "1.19.20")).endMetadata().withNewSpec()
        .addNewContainer().withName("gloo").withImage("quay.io/solo-io/gloo:1.19.20")
        .addNewVolumeMount().withName("validation-certs").withMountPath("/etc/gateway/validation-certs")
        .withReadOnly(true).endVolumeMount().endContainer()
        .addNewVolume().withName("validation-certs").withNewSecret().withSecretName("gateway-validation-certs")
        .withDefaultMode(420).endSecret().endVolume()
        .endSpec().endTemplate().endSpec().build()).create();
    createWebhookConfiguration("Fail");
  }

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  @Test
  void withoutItsSecretTheGlooPodServesNoWebhook() {
    // The kubelet cannot mount the missing Secret: the pod stays ContainerCreating, nothing serves.
    await().atMost(TIMEOUT).until(() -> client.pods().inNamespace(NS).withLabel("gloo", "gloo").list().getItems()
        .stream().anyMatch(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null
            && p.getStatus().getContainerStatuses().stream().anyMatch(c -> c.getState() != null
                && c.getState().getWaiting() != null && "ContainerCreating".equals(c.getState().getWaiting().getReason()))));

    Write refused = create();

    assertThat(refused.code()).as(refused.message()).isEqualTo(500);
    assertThat(refused.message()).startsWith("Internal error occurred: failed calling webhook \"gloo.gloo-system.svc\": "
        + "failed to call webhook: Post \"https://gloo.gloo-system.svc:443/validation?timeout=10s\": ");
    assertThat(client.secrets().inNamespace(NS).withName("gateway-validation-certs").get()).isNull();
  }

  @Test
  void afterCertgenTheWebhookIsCalledOverTlsAndStillAfterARotation() {
    assertThat(certgen()).isZero();

    Write denied = await().atMost(TIMEOUT).until(this::create, w -> w.code() != 500);
    assertThat(denied.code()).as(denied.message()).isEqualTo(400);
    assertThat(denied.message()).startsWith(DENIED);

    String firstCa = caBundle();
    assertThat(certgen()).as("forced rotation").isZero();
    assertThat(caBundle()).isNotEqualTo(firstCa);

    // The caBundle now holds only the new CA: a call that still gets Gloo's verdict met the new certificate.
    Write afterRotation = await().atMost(TIMEOUT).until(this::create, w -> w.code() != 500);
    assertThat(afterRotation.code()).as(afterRotation.message()).isEqualTo(400);
    assertThat(afterRotation.message()).startsWith(DENIED);
  }

  @Test
  void aRecreatedConfigurationWithoutCaBundleFailsUntilCertgenRunsAgain() {
    assertThat(certgen()).isZero();
    await().atMost(TIMEOUT).until(this::create, w -> w.code() == 400);

    createWebhookConfiguration("Fail");
    Write refused = create();
    assertThat(refused.code()).as(refused.message()).isEqualTo(500);
    assertThat(refused.message()).isEqualTo("Internal error occurred: failed calling webhook \"gloo.gloo-system.svc\": "
        + "failed to call webhook: Post \"https://gloo.gloo-system.svc:443/validation?timeout=10s\": "
        + "tls: failed to verify certificate: x509: certificate signed by unknown authority");

    createWebhookConfiguration("Ignore");
    Write admitted = create();
    assertThat(admitted.code()).as("Ignore admits what the webhook would deny: " + admitted.message()).isEqualTo(201);
    client.genericKubernetesResources(VIRTUAL_SERVICES).inNamespace(NS).withName("retrying").delete();

    assertThat(certgen()).isZero();
    Write denied = create();
    assertThat(denied.code()).as(denied.message()).isEqualTo(400);
    assertThat(denied.message()).startsWith(DENIED);
  }

  private int certgen() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      int code = Certgen.run(CERTGEN_ARGS, Map.of("POD_NAMESPACE", NS), client, log);
      assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
      return code;
    }
  }

  /** As the chart's hook installs it (recreated on every upgrade): two webhooks on gloo, no caBundle. */
  private void createWebhookConfiguration(String failurePolicy) {
    var configurations = client.admissionRegistration().v1().validatingWebhookConfigurations();
    configurations.withName(VWC).delete();
    await().atMost(TIMEOUT).until(() -> configurations.withName(VWC).get() == null);
    ValidatingWebhookConfiguration configuration = new ValidatingWebhookConfigurationBuilder().withNewMetadata()
        .withName(VWC).endMetadata()
        .addNewWebhook().withName("gloo.gloo-system.svc").withNewClientConfig().withCaBundle("").withNewService()
        .withNamespace(NS).withName("gloo").withPath("/validation").endService().endClientConfig()
        .withSideEffects("None").withMatchPolicy("Exact").withAdmissionReviewVersions("v1beta1")
        .withFailurePolicy(failurePolicy).addNewRule().withOperations("CREATE", "UPDATE", "DELETE")
        .withApiGroups("gateway.solo.io").withApiVersions("v1").withResources("virtualservices").endRule().endWebhook()
        .addNewWebhook().withName("kube.gloo-system.svc").withNewClientConfig().withCaBundle("").withNewService()
        .withNamespace(NS).withName("gloo").withPath("/validation").endService().endClientConfig()
        .withSideEffects("None").withMatchPolicy("Exact").withAdmissionReviewVersions("v1beta1")
        .withFailurePolicy("Ignore").addNewRule().withOperations("DELETE").withApiGroups("")
        .withApiVersions("v1").withResources("secrets").endRule().endWebhook()
        .build();
    configurations.resource(configuration).create();
  }

  private String caBundle() {
    return client.admissionRegistration().v1().validatingWebhookConfigurations().withName(VWC).get().getWebhooks()
        .get(0).getClientConfig().getCaBundle();
  }

  private Write create() {
    GenericKubernetesResource virtualService = client.getKubernetesSerialization()
        .unmarshal(RETRYING_VIRTUAL_SERVICE, GenericKubernetesResource.class);
    try {
      client.genericKubernetesResources(VIRTUAL_SERVICES).inNamespace(NS).resource(virtualService).create();
      return new Write(201, "created");
    } catch (KubernetesClientException e) {
      return new Write(e.getCode(), e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage());
    }
  }
}
