package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary for the embedded API's HTTPS port, the way pods' kubectl reaches the API as its
 * ServiceAccount (kubectl sends no token over plain HTTP: see RbacCanaryTest).
 * <ul>
 *   <li>{@link #theHttpsPortServesTheSameApiUnderACertificateForLoopback()}: a client that trusts only
 *       {@link EmbeddedApiServer#certificateAuthority()} and checks the host name reaches the same API
 *       at {@link EmbeddedApiServer#secureUrl()}, tokens and all.</li>
 *   <li>{@link #realKubectlWaitsForAJobOverHttps()}: the real kubectl's {@code wait
 *       --for=condition=complete} (list, then watch) through the HTTPS port.</li>
 * </ul>
 */
class SecurePortCanaryTest extends EmbeddedApiCanary {

  @Test
  void theHttpsPortServesTheSameApiUnderACertificateForLoopback() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("embedded-ca", CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(api.certificateAuthority().getBytes(StandardCharsets.UTF_8))));
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    HttpClient https = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();

    assertTrue(api.secureUrl().startsWith("https://127.0.0.1:"), api.secureUrl());
    HttpResponse<String> version = https.send(HttpRequest.newBuilder(URI.create(api.secureUrl() + "/version"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, version.statusCode(), version.body());
    assertEquals("v1.31.4", ApiClients.parse(version.body()).path("gitVersion").asText());
    HttpResponse<String> stranger = https.send(HttpRequest.newBuilder(URI.create(api.secureUrl() + "/api/v1/pods"))
        .header("Authorization", "Bearer a-token-nobody-issued").timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, stranger.statusCode(), "the same authentication on both ports");
  }

  @Test
  void realKubectlWaitsForAJobOverHttps(@TempDir Path work) {
    Kubectl kubectl = Kubectl.against(api, EmbeddedApiServer.ADMIN_TOKEN, work);
    String jobs = "/apis/batch/v1/namespaces/" + Manifests.NAMESPACE + "/jobs";
    assertEquals(201, clients.sendJson("POST", jobs, ApiClients.JSON,
        JobDefaultsCanaryTest.job("gloo-resource-rollout", true)).code());
    assertEquals(200, clients.sendJson("PATCH", jobs + "/gloo-resource-rollout/status", ApiClients.MERGE_PATCH,
        "{\"status\":{\"succeeded\":1,\"conditions\":[{\"type\":\"Complete\",\"status\":\"True\"}]}}").code());

    Kubectl.Result wait = kubectl.run("wait", "--for=condition=complete", "job/gloo-resource-rollout", "-n",
        Manifests.NAMESPACE, "--timeout=30s");
    assertEquals(0, wait.exitCode(), wait.toString());
    assertEquals("job.batch/gloo-resource-rollout condition met\n", wait.stdout());
  }
}
