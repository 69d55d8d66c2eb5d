package io.glooupgrade.selftest.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.glooupgrade.embedded.apiserver.ApiFaults;
import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import io.glooupgrade.embedded.pki.Pem;
import io.glooupgrade.embedded.pki.ServiceDnsNames;
import io.glooupgrade.embedded.pki.ServingCertificates;
import io.glooupgrade.embedded.programs.Certgen;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded certgen ({@link Certgen}, GLOO_CHARTS.md §6 "gateway-certgen") against an embedded
 * API, seen only through the API and the program's exit code and log:
 * <ul>
 *   <li>{@link #theFirstRunCreatesTheSecretAndFillsTheServicesWebhooks()}: a kubernetes.io/tls Secret
 *       with only tls.key, tls.crt and ca.crt, no labels or owner; the certificate's CN and SANs are the
 *       Service's names, it is signed by ca.crt and matches tls.key; both webhooks calling gloo get
 *       caBundle = base64(ca.crt), a webhook of another Service keeps its own.</li>
 *   <li>{@link #forcedRotationWritesBothCasThenTheNewCertificateThenTheNewCa()}: without force a
 *       valid Secret is kept; with force, three updates in order, ending with a new serial, the new
 *       CA alone, and the webhooks trusting it.</li>
 *   <li>{@link #aCertificateExpiringWithinRenewBeforeIsRotatedWithoutForce()}: a certificate expiring in
 *       10 days is kept with {@code --renew-before=1h30m}, rotated with the default 2160h.</li>
 *   <li>{@link #aCertificateForAnotherServiceCountsAsNone()}: replaced by a new Secret (Get, Update).</li>
 *   <li>{@link #aSecretOfAnotherTypeFails()}, {@link #aMissingWebhookConfigurationFails()},
 *       {@link #anApiErrorFails()} and {@link #badFlagsFail()}: exit code 1 and the error in the log.</li>
 * </ul>
 */
class CertgenTest {

  private static final String NS = "gloo-system";
  private static final String SECRET = "gateway-validation-certs";
  private static final String VWC = "gloo-gateway-validation-webhook-gloo-system";
  private static final List<String> CHART_ARGS = List.of("--secret-name=" + SECRET, "--svc-name=gloo",
      "--validating-webhook-configuration-name=" + VWC, "--force-rotation=true");
  private static final Map<String, String> ENV = Map.of("POD_NAMESPACE", NS);
  private static final String OTHER_BUNDLE = Base64.getEncoder().encodeToString("not ours".getBytes(StandardCharsets.UTF_8));

  private EmbeddedApiServer api;
  private KubernetesClient client;

  /** One run's outcome: exit code and what it printed. */
  private record Outcome(int exitCode, String log) {
  }

  @BeforeEach
  void startApi() {
    api = EmbeddedApiServer.start("1.31.4");
    client = clientOf(api);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
  }

  @AfterEach
  void stopApi() {
    client.close();
    api.close();
  }

  @Test
  void theFirstRunCreatesTheSecretAndFillsTheServicesWebhooks() throws Exception {
    createWebhookConfiguration();

    Outcome run = certgen(CHART_ARGS);

    assertThat(run.exitCode()).as(run.log()).isZero();
    Secret secret = secret();
    assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(secret.getData()).containsOnlyKeys("tls.key", "tls.crt", "ca.crt");
    assertThat(secret.getMetadata().getLabels()).as("no labels").isNullOrEmpty();
    assertThat(secret.getMetadata().getAnnotations()).as("no Helm metadata").isNullOrEmpty();
    assertThat(secret.getMetadata().getOwnerReferences()).as("no owner").isNullOrEmpty();

    X509Certificate certificate = single(Pem.certificates(data(secret, "tls.crt")));
    X509Certificate ca = single(Pem.certificates(data(secret, "ca.crt")));
    assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=gloo.gloo-system.svc");
    assertThat(dnsNames(certificate)).containsExactly("gloo", "gloo.gloo-system", "gloo.gloo-system.svc",
        "gloo.gloo-system.svc.cluster.local");
    certificate.verify(ca.getPublicKey()); // signed by ca.crt
    assertThat(ca.getBasicConstraints()).as("ca.crt is a CA").isGreaterThanOrEqualTo(0);
    assertThat(certificate.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
    assertThat(keyMatches(secret, certificate)).as("tls.key is the certificate's key").isTrue();

    ValidatingWebhookConfiguration configuration = webhookConfiguration();
    String bundle = Base64.getEncoder().encodeToString(data(secret, "ca.crt"));
    assertThat(caBundle(configuration, "gloo.gloo-system.svc")).isEqualTo(bundle);
    assertThat(caBundle(configuration, "kube.gloo-system.svc")).isEqualTo(bundle);
    assertThat(caBundle(configuration, "other.example.com")).as("another Service's webhook").isEqualTo(OTHER_BUNDLE);

    assertThat(run.log()).contains("no existing valid secret, generating a new one...", "creating TLS secret",
        "set CA bundle on ValidatingWebhookConfiguration", "finished successfully.");
    assertThat(run.log()).as("keys and certificates are never logged").doesNotContain("BEGIN", "PRIVATE");
  }

  @Test
  void forcedRotationWritesBothCasThenTheNewCertificateThenTheNewCa() throws Exception {
    createWebhookConfiguration();
    List<String> unforced = CHART_ARGS.subList(0, 3);
    assertThat(certgen(unforced).exitCode()).isZero();
    Secret first = secret();
    X509Certificate oldCertificate = single(Pem.certificates(data(first, "tls.crt")));
    X509Certificate oldCa = single(Pem.certificates(data(first, "ca.crt")));

    Outcome kept = certgen(unforced);
    assertThat(kept.exitCode()).isZero();
    assertThat(kept.log()).contains("existing TLS secret found, skipping update to TLS secret");
    assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());

    List<Secret> updates = new CopyOnWriteArrayList<>();
    try (Watch watch = client.secrets().inNamespace(NS).watch(recordUpdates(updates))) {
      Outcome rotated = certgen(CHART_ARGS);
      assertThat(rotated.exitCode()).as(rotated.log()).isZero();
      assertThat(rotated.log()).contains("secret exists but need to rotate...", "updating to both ca bundles",
          "updating to new server cert", "updating to new ca bundle", "finished waiting for pods to settle");
      await().atMost(Duration.ofSeconds(10)).until(() -> updates.size() >= 3);
    }
    Secret last = secret();
    X509Certificate newCertificate = single(Pem.certificates(data(last, "tls.crt")));
    X509Certificate newCa = single(Pem.certificates(data(last, "ca.crt")));
    assertThat(newCertificate.getSerialNumber()).isNotEqualTo(oldCertificate.getSerialNumber());
    assertThat(newCa).isNotEqualTo(oldCa);
    newCertificate.verify(newCa.getPublicKey());
    assertThat(keyMatches(last, newCertificate)).isTrue();

    // The order is what keeps every client's trust: both CAs, then the new certificate, then the new CA alone.
    assertThat(updates).hasSize(3);
    assertThat(Pem.certificates(data(updates.get(0), "ca.crt"))).containsExactly(oldCa, newCa);
    assertThat(serial(updates.get(0))).isEqualTo(oldCertificate.getSerialNumber());
    assertThat(Pem.certificates(data(updates.get(1), "ca.crt"))).containsExactly(oldCa, newCa);
    assertThat(serial(updates.get(1))).isEqualTo(newCertificate.getSerialNumber());
    assertThat(Pem.certificates(data(updates.get(2), "ca.crt"))).containsExactly(newCa);

    String bundle = Base64.getEncoder().encodeToString(data(last, "ca.crt"));
    assertThat(caBundle(webhookConfiguration(), "gloo.gloo-system.svc")).isEqualTo(bundle);
    assertThat(caBundle(webhookConfiguration(), "kube.gloo-system.svc")).isEqualTo(bundle);
  }

  @Test
  void aCertificateExpiringWithinRenewBeforeIsRotatedWithoutForce() {
    createWebhookConfiguration();
    Instant now = Instant.now();
    ServingCertificates expiring = ServingCertificates.issue("gloo.gloo-system.svc", ServiceDnsNames.of("gloo", NS),
        now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10)));
    createSecret("kubernetes.io/tls", expiring);
    List<String> unforced = CHART_ARGS.subList(0, 3);

    Outcome kept = certgen(concat(unforced, "--renew-before=1h30m"));
    assertThat(kept.exitCode()).as(kept.log()).isZero();
    assertThat(kept.log()).contains("existing cert is valid!", "skipping update to TLS secret");
    assertThat(serial(secret())).isEqualTo(expiring.certificate().getSerialNumber());

    Outcome run = certgen(unforced); // the default, 2160h: 90 days

    assertThat(run.exitCode()).as(run.log()).isZero();
    assertThat(run.log()).contains("cert is valid but expiring soon", "secret exists but need to rotate...");
    assertThat(serial(secret())).isNotEqualTo(expiring.certificate().getSerialNumber());
  }

  @Test
  void aCertificateForAnotherServiceCountsAsNone() {
    createWebhookConfiguration();
    ServingCertificates other = ServingCertificates.forService("other", NS);
    createSecret("kubernetes.io/tls", other);

    Outcome run = certgen(CHART_ARGS);

    assertThat(run.exitCode()).as(run.log()).isZero();
    assertThat(run.log()).contains("cert is not valid for given service", "no existing valid secret",
        "existing TLS secret found, attempting to update");
    assertThat(dnsNames(single(Pem.certificates(data(secret(), "tls.crt"))))).contains("gloo.gloo-system.svc");
  }

  @Test
  void aSecretOfAnotherTypeFails() {
    createWebhookConfiguration();
    client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(SECRET).endMetadata()
        .withType("Opaque").withData(Map.of("tls.crt", "")).build()).create();

    Outcome run = certgen(CHART_ARGS);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.log()).contains("Error: failed validating existing secret: unexpected secret type, expected "
        + "kubernetes.io/tls and got Opaque", "\"level\":\"fatal\"", "execution failed");
    assertThat(secret().getType()).as("left as it was").isEqualTo("Opaque");
    assertThat(caBundle(webhookConfiguration(), "gloo.gloo-system.svc")).isEmpty();
  }

  @Test
  void aMissingWebhookConfigurationFails() {
    Outcome run = certgen(CHART_ARGS);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.log()).contains("Error: failed patching validating webhook config: failed to retrieve vwc: "
        + "validatingwebhookconfigurations.admissionregistration.k8s.io \"" + VWC + "\" not found");
    assertThat(secret()).as("the Secret was written before, as by the real program").isNotNull();
  }

  @Test
  void anApiErrorFails() {
    createWebhookConfiguration();
    api.apiFaults(ApiFaults.every(1, ApiFaults.Kind.SERVER_ERROR));
    try (KubernetesClient noRetries = new KubernetesClientBuilder().withConfig(Config.empty()).editOrNewConfig()
        .withMasterUrl(api.url()).withRequestRetryBackoffLimit(0).withRequestTimeout(10_000).endConfig().build()) {
      Outcome run = certgen(CHART_ARGS, noRetries);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.log()).contains("Error: failed validating existing secret: failed to retrieve existing secret: ");
    } finally {
      api.apiFaults(ApiFaults.none());
    }
    assertThat(secret()).isNull();
  }

  @Test
  void badFlagsFail() {
    assertThat(certgen(List.of("--svc-name=gloo", "--nonsense=1"))).satisfies(run -> {
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.log()).contains("Error: unknown flag: --nonsense", "Usage:");
    });
    assertThat(certgen(List.of("--secret-name=" + SECRET, "--svc-name=gloo", "--renew-before=90d"))).satisfies(run -> {
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.log()).contains("Error: time: unknown unit \"d\" in duration \"90d\"");
    });
    assertThat(certgen(List.of("--svc-name=gloo"))).satisfies(run -> {
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.log()).contains("Error: must provide secret-name");
    });
    assertThat(secret()).as("nothing was written").isNull();
  }

  private static List<String> concat(List<String> args, String more) {
    List<String> all = new java.util.ArrayList<>(args);
    all.add(more);
    return all;
  }

  private Outcome certgen(List<String> args) {
    return certgen(args, client);
  }

  private static Outcome certgen(List<String> args, KubernetesClient as) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try (PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      code = Certgen.run(args, ENV, as, log);
    }
    return new Outcome(code, out.toString(StandardCharsets.UTF_8));
  }

  private void createWebhookConfiguration() {
    ValidatingWebhookConfiguration configuration = new ValidatingWebhookConfigurationBuilder().withNewMetadata()
        .withName(VWC).endMetadata()
        .withWebhooks(webhook("gloo.gloo-system.svc", "gloo", ""), webhook("kube.gloo-system.svc", "gloo", ""),
            webhook("other.example.com", "other", OTHER_BUNDLE))
        .build();
    client.admissionRegistration().v1().validatingWebhookConfigurations().resource(configuration).create();
  }

  private static ValidatingWebhook webhook(String name, String service, String caBundle) {
    return new ValidatingWebhookBuilder().withName(name).withNewClientConfig().withCaBundle(caBundle)
        .withNewService().withNamespace(NS).withName(service).withPath("/validation").endService().endClientConfig()
        .withSideEffects("None").withAdmissionReviewVersions("v1beta1").withFailurePolicy("Ignore")
        .addNewRule().withOperations("CREATE").withApiGroups("gateway.solo.io").withApiVersions("v1")
        .withResources("virtualservices").endRule().build();
  }

  private void createSecret(String type, ServingCertificates certificates) {
    client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(SECRET).endMetadata()
        .withType(type).withData(Map.of("tls.key", base64(certificates.keyPem()),
            "tls.crt", base64(certificates.certificatePem()), "ca.crt", base64(certificates.caPem()))).build())
        .create();
  }

  private Secret secret() {
    return client.secrets().inNamespace(NS).withName(SECRET).get();
  }

  private ValidatingWebhookConfiguration webhookConfiguration() {
    return client.admissionRegistration().v1().validatingWebhookConfigurations().withName(VWC).get();
  }

  private static String caBundle(ValidatingWebhookConfiguration configuration, String webhook) {
    String bundle = configuration.getWebhooks().stream().filter(w -> w.getName().equals(webhook)).findFirst()
        .orElseThrow().getClientConfig().getCaBundle();
    return bundle == null ? "" : bundle;
  }

  private static Watcher<Secret> recordUpdates(List<Secret> updates) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, Secret secret) {
        if (action == Action.MODIFIED && secret.getMetadata().getName().equals(SECRET)) {
          updates.add(secret);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
  }

  private static boolean keyMatches(Secret secret, X509Certificate certificate) throws Exception {
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(Pem.privateKey(data(secret, "tls.key")).orElseThrow());
    byte[] message = "proof".getBytes(StandardCharsets.UTF_8);
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(message);
    return verifier.verify(signature);
  }

  private static BigInteger serial(Secret secret) {
    return single(Pem.certificates(data(secret, "tls.crt"))).getSerialNumber();
  }

  private static List<String> dnsNames(X509Certificate certificate) {
    try {
      return certificate.getSubjectAlternativeNames().stream().filter(n -> Integer.valueOf(2).equals(n.get(0)))
          .map(n -> (String) n.get(1)).toList();
    } catch (java.security.cert.CertificateParsingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate single(List<X509Certificate> certificates) {
    assertThat(certificates).hasSize(1);
    return certificates.get(0);
  }

  private static byte[] data(Secret secret, String key) {
    return Base64.getDecoder().decode(secret.getData().get(key));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static KubernetesClient clientOf(EmbeddedApiServer api) {
    return new KubernetesClientBuilder().withConfig(Config.empty()).editOrNewConfig().withMasterUrl(api.url())
        .withNamespace("default").withRequestTimeout(10_000).endConfig().build();
  }
}
