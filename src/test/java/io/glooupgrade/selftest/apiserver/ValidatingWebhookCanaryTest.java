package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.glooupgrade.embedded.apiserver.ServiceEndpoints;
import io.glooupgrade.embedded.pki.ServingCertificates;
import io.glooupgrade.embedded.pki.ServingKey;
import io.glooupgrade.embedded.pki.ServingKeyManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canary for the embedded API's validating admission webhooks: a write that a stored
 * ValidatingWebhookConfiguration selects is sent, as stored (defaulted and pruned), to the webhook's
 * {@code clientConfig.service} as an AdmissionReview, before it is stored. A JDK HTTPS server plays
 * the webhook, with a certificate for {@code gloo.gloo-system.svc} signed by the CA the webhooks'
 * {@code caBundle} holds (as certgen leaves them); a {@link ServiceEndpoints} says it listens for port
 * 443 of Service {@code gloo-system/gloo}. Every test counts the reviews the webhook received, so a
 * webhook that is never called fails it.
 * <ul>
 *   <li>{@link #theWebhookSeesEachSelectedWriteAsItWillBeStored()}: CREATE, UPDATE (merge patch and
 *       replace) and DELETE reviews carry uid, kind, resource, namespace, name, operation, the pruned
 *       object and the old one; unselected kinds and the configurations themselves are not sent.</li>
 *   <li>{@link #aDenialRefusesTheWriteWithTheWebhooksCodeAndMessage()}: {@code admission webhook "NAME"
 *       denied the request: MESSAGE}, the webhook's code (400 when it gives none below 400), nothing
 *       stored.</li>
 *   <li>{@link #warningsOfAnAllowedWriteReachTheClient()}: {@code Warning: 299 - "..."} headers.</li>
 *   <li>{@link #anUnreachableWebhookIsSkippedUnderIgnoreAndRefusesUnderFail()}: failurePolicy.</li>
 *   <li>{@link #aV1AnswerMustNameItsKindAndUidButAV1beta1AnswerNeedNot()}: the review version is the
 *       first of admissionReviewVersions the API speaks; a v1 answer is checked as the real API does.</li>
 *   <li>{@link #rulesAndSelectorsChooseTheWebhooksCalled()}: subresources, operations, objectSelector
 *       and namespaceSelector.</li>
 *   <li>{@link #theRightCaBundleIsTrustedAndTheServiceNameSentAsSni()}: the call is TLS, with SNI
 *       {@code gloo.gloo-system.svc}, and the verdict applies.</li>
 *   <li>{@link #anEmptyCaBundleFailsTheHandshakeAndIgnoreAdmits()}, {@link #aWrongCaBundleFailsTheHandshakeAndFailRefuses()},
 *       {@link #aCertificateForAnotherNameIsRefused()}, {@link #aWebhookWithoutTlsOrWithoutACertificateFails()}:
 *       the real API server's x509 and TLS wording; the webhook never sees the review.</li>
 * </ul>
 */
class ValidatingWebhookCanaryTest extends EmbeddedApiCanary {

  private static final String WEBHOOK = "gloo.gloo-system.svc";
  private static final String CONFIGURATIONS = "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations";
  private static final String VS_RULE = """
      {"operations":["CREATE","UPDATE","DELETE"],"apiGroups":["gateway.solo.io"],"apiVersions":["v1"],
       "resources":["virtualservices"]}""";

  /** What certgen would have written for Service gloo-system/gloo: generated once, RSA keys are slow. */
  private static final ServingCertificates GLOO = ServingCertificates.forService("gloo", "gloo-system");
  private static final String CA_BUNDLE = Base64.getEncoder().encodeToString(GLOO.caPem());
  private static final String UNKNOWN_AUTHORITY = "Post \"https://gloo.gloo-system.svc:443/validation?timeout=10s\": "
      + "tls: failed to verify certificate: x509: certificate signed by unknown authority";

  private HttpsServer webhook;
  /** The key the webhook serves with now: a test may switch it, as certgen's rotation does. */
  private final AtomicReference<ServingKey> served = new AtomicReference<>(servingKey(GLOO));
  /** The SNI of every handshake the webhook saw. */
  private final List<String> serverNames = new CopyOnWriteArrayList<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Function<JsonNode, String> answer = ValidatingWebhookCanaryTest::allow;

  /** One review as the webhook received it: the request URI and the AdmissionReview. */
  private record Received(String uri, JsonNode review) {

    JsonNode request() {
      return review.path("request");
    }
  }

  @BeforeEach
  void startWebhookAndCrd() throws Exception {
    webhook = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(new KeyManager[] {new ServingKeyManager(() -> Optional.ofNullable(served.get())) {
      @Override
      public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        if (engine.getHandshakeSession() instanceof ExtendedSSLSession session) {
          session.getRequestedServerNames().forEach(n -> serverNames.add(((SNIHostName) n).getAsciiName()));
        }
        return super.chooseEngineServerAlias(keyType, issuers, engine);
      }
    } }, null, null);
    webhook.setHttpsConfigurator(new HttpsConfigurator(tls));
    webhook.createContext("/", exchange -> {
      JsonNode review = ApiClients.MAPPER.readTree(exchange.getRequestBody());
      received.add(new Received(exchange.getRequestURI().toString(), review));
      byte[] body = answer.apply(review).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    webhook.start();
    InetSocketAddress address = webhook.getAddress();
    api.serviceEndpoints((namespace, service, port) -> namespace.equals(Manifests.NAMESPACE)
        && service.equals("gloo") && port == 443 ? Optional.of(address) : Optional.empty());
    ApiClients.Reply crd = clients.sendJson("POST", Manifests.CRDS, ApiClients.JSON, Manifests.virtualServiceCrd());
    assertEquals(201, crd.code(), crd.text());
  }

  @AfterEach
  void stopWebhook() {
    webhook.stop(0);
  }

  @Test
  void theWebhookSeesEachSelectedWriteAsItWillBeStored() {
    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1\"]"));

    assertEquals(201, createVirtualService("petstore").code());
    assertEquals(1, received.size(), "the create was sent to the webhook");
    Received create = received.get(0);
    assertEquals("/validation?timeout=10s", create.uri());
    assertEquals("admission.k8s.io/v1", create.review().path("apiVersion").asText());
    assertEquals("AdmissionReview", create.review().path("kind").asText());
    JsonNode request = create.request();
    assertFalse(request.path("uid").asText().isEmpty(), request.toString());
    assertEquals(ApiClients.parse("{\"group\":\"gateway.solo.io\",\"version\":\"v1\",\"kind\":\"VirtualService\"}"),
        request.path("kind"));
    assertEquals(ApiClients.parse("{\"group\":\"gateway.solo.io\",\"version\":\"v1\",\"resource\":\"virtualservices\"}"),
        request.path("resource"));
    assertEquals("CREATE", request.path("operation").asText());
    assertEquals(Manifests.NAMESPACE, request.path("namespace").asText());
    assertEquals("petstore", request.path("name").asText());
    assertTrue(request.path("oldObject").isNull(), request.toString());
    JsonNode retries = request.path("object").path("spec").path("virtualHost").path("routes").get(0)
        .path("options").path("retries");
    assertEquals(ApiClients.parse("{\"retryOn\":\"5xx\",\"numRetries\":3}"), retries,
        "the webhook sees the object pruned, as it will be stored");

    try (KubernetesClient fabric8 = clients.fabric8()) {
      var virtualServices = fabric8.genericKubernetesResources("gateway.solo.io/v1", "VirtualService")
          .inNamespace(Manifests.NAMESPACE);
      virtualServices.withName("petstore").patch(PatchContext.of(PatchType.JSON_MERGE),
          "{\"spec\":{\"virtualHost\":{\"domains\":[\"petstore.example.com\"]}}}");
      Received patch = received.get(1);
      assertEquals("UPDATE", patch.request().path("operation").asText());
      assertEquals("petstore.example.com", patch.request().at("/object/spec/virtualHost/domains/0").asText());
      assertEquals("*", patch.request().at("/oldObject/spec/virtualHost/domains/0").asText(), "the stored one");

      var replacement = virtualServices.withName("petstore").get();
      replacement.getMetadata().getLabels().put("replaced", "yes");
      virtualServices.resource(replacement).update();
      assertEquals("UPDATE", received.get(2).request().path("operation").asText());
      assertEquals("yes", received.get(2).request().at("/object/metadata/labels/replaced").asText());

      virtualServices.withName("petstore").delete();
      Received delete = received.get(3);
      assertEquals("DELETE", delete.request().path("operation").asText());
      assertTrue(delete.request().path("object").isNull(), delete.request().toString());
      assertEquals("petstore", delete.request().at("/oldObject/metadata/name").asText());
    }

    assertEquals(201, clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON, Manifests.secret("token")).code());
    ApiClients.Reply changed = clients.sendJson("PUT", CONFIGURATIONS + "/gloo-gateway-validation-webhook-gloo-system",
        ApiClients.JSON, configurationJson(webhookJson(WEBHOOK, VS_RULE, "Ignore", "[\"v1\"]")));
    assertEquals(200, changed.code(), changed.text());
    assertEquals(4, received.size(), "Secrets are not selected, configurations are never sent");
  }

  @Test
  void aDenialRefusesTheWriteWithTheWebhooksCodeAndMessage() {
    configure(webhookJson(WEBHOOK, VS_RULE, "Ignore", "[\"v1\"]"));
    answer = review -> deny(review, "{\"message\":\"unknown field \\\"retryBackOff\\\"\"}");

    ApiClients.Reply refused = createVirtualService("petstore");
    assertEquals(400, refused.code(), "no code below 400 in the answer: 400. " + refused.text());
    assertEquals("Status", refused.json().path("kind").asText());
    assertEquals("Failure", refused.json().path("status").asText());
    assertEquals("admission webhook \"" + WEBHOOK + "\" denied the request: unknown field \"retryBackOff\"",
        refused.json().path("message").asText());
    assertEquals(1, received.size());
    assertEquals(404, clients.get(Manifests.VS_COLLECTION + "/petstore").code(), "nothing was stored");

    answer = review -> deny(review, "{\"code\":403,\"reason\":\"Forbidden\",\"message\":\"not in this namespace\"}");
    try (KubernetesClient fabric8 = clients.fabric8()) {
      KubernetesClientException e = assertThrows(KubernetesClientException.class,
          () -> fabric8.genericKubernetesResources("gateway.solo.io/v1", "VirtualService")
              .inNamespace(Manifests.NAMESPACE).resource(fabric8.getKubernetesSerialization().unmarshal(
                  Manifests.virtualServiceWithNewerFields("petstore"),
                  GenericKubernetesResource.class)).create());
      assertEquals(403, e.getCode());
      assertEquals("Forbidden", e.getStatus().getReason());
      assertEquals("admission webhook \"" + WEBHOOK + "\" denied the request: not in this namespace",
          e.getStatus().getMessage());
    }

    answer = review -> deny(review, "{}");
    assertEquals("admission webhook \"" + WEBHOOK + "\" denied the request without explanation",
        createVirtualService("petstore").json().path("message").asText());
  }

  @Test
  void warningsOfAnAllowedWriteReachTheClient() throws Exception {
    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1\"]"));
    answer = review -> {
      ObjectNode allowed = (ObjectNode) ApiClients.parse(allow(review));
      allowed.with("response").putArray("warnings").add("field \"retryBackOff\" is unknown").add("second");
      return allowed.toString();
    };
    HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create(api.url() + Manifests.VS_COLLECTION)).timeout(Duration.ofSeconds(10))
            .header("Content-Type", ApiClients.JSON)
            .POST(HttpRequest.BodyPublishers.ofString(Manifests.virtualServiceWithNewerFields("petstore"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode(), response.body());
    assertEquals(List.of("299 - \"field \\\"retryBackOff\\\" is unknown\"", "299 - \"second\""),
        response.headers().allValues("Warning"));
  }

  @Test
  void anUnreachableWebhookIsSkippedUnderIgnoreAndRefusesUnderFail() throws IOException {
    configure(webhookJson(WEBHOOK, VS_RULE, "Ignore", "[\"v1\"]"));
    api.serviceEndpoints(ServiceEndpoints.NONE);
    assertEquals(201, createVirtualService("ignored").code(), "Ignore: the write goes on");

    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1\"]"));
    ApiClients.Reply noEndpoints = createVirtualService("refused");
    assertEquals(500, noEndpoints.code(), noEndpoints.text());
    assertEquals("InternalError", noEndpoints.json().path("reason").asText());
    assertTrue(noEndpoints.json().path("message").asText().startsWith("Internal error occurred: failed calling webhook \""
        + WEBHOOK + "\": failed to call webhook: Post \"https://gloo.gloo-system.svc:443/validation?timeout=10s\": "
        + "no endpoints available for service \"gloo\""), noEndpoints.text());

    InetSocketAddress closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }
    api.serviceEndpoints((namespace, service, port) -> Optional.of(closed));
    ApiClients.Reply refused = createVirtualService("refused");
    assertEquals(500, refused.code(), refused.text());
    assertTrue(refused.json().path("message").asText().contains("connect: connection refused"), refused.text());
    assertEquals(404, clients.get(Manifests.VS_COLLECTION + "/refused").code());
    assertEquals(0, received.size(), "nothing reached the webhook");
  }

  @Test
  void aV1AnswerMustNameItsKindAndUidButAV1beta1AnswerNeedNot() {
    // Gloo's webhook answers {"response":{...}} only, without apiVersion and kind.
    answer = review -> "{\"response\":{\"uid\":\"" + review.at("/request/uid").asText() + "\",\"allowed\":true}}";
    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1\"]"));
    ApiClients.Reply v1 = createVirtualService("v1");
    assertEquals(500, v1.code(), v1.text());
    assertTrue(v1.json().path("message").asText().endsWith("received invalid webhook response: expected webhook "
        + "response of admission.k8s.io/v1, Kind=AdmissionReview, got /, Kind="), v1.text());

    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1beta1\",\"v1\"]"));
    assertEquals(201, createVirtualService("v1beta1").code());
    assertEquals("admission.k8s.io/v1beta1", received.get(1).review().path("apiVersion").asText());

    answer = review -> "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
        + "\"response\":{\"uid\":\"someone-else\",\"allowed\":true}}";
    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1\"]"));
    ApiClients.Reply wrongUid = createVirtualService("wrong-uid");
    assertEquals(500, wrongUid.code(), wrongUid.text());
    assertTrue(wrongUid.json().path("message").asText().contains("expected response.uid="), wrongUid.text());

    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v2\"]"));
    assertTrue(createVirtualService("v2").json().path("message").asText()
        .contains("webhook does not accept known AdmissionReview versions"));
    assertEquals(3, received.size());
  }

  @Test
  void rulesAndSelectorsChooseTheWebhooksCalled() {
    String everyStatus = "{\"operations\":[\"*\"],\"apiGroups\":[\"*\"],\"apiVersions\":[\"*\"],\"resources\":[\"*/status\"]}";
    String deletesOnly = "{\"operations\":[\"DELETE\"],\"apiGroups\":[\"gateway.solo.io\"],\"apiVersions\":[\"*\"],"
        + "\"resources\":[\"*\"],\"scope\":\"Namespaced\"}";
    configure(webhookJson("status.example.com", everyStatus, "Fail", "[\"v1\"]"),
        webhookJson("deletes.example.com", deletesOnly, "Fail", "[\"v1\"]"),
        webhookJson("labelled.example.com", VS_RULE, "Fail", "[\"v1\"]",
            ",\"objectSelector\":{\"matchLabels\":{\"validate\":\"yes\"}}"),
        webhookJson("canary-namespaces.example.com", VS_RULE, "Fail", "[\"v1\"]",
            ",\"namespaceSelector\":{\"matchExpressions\":[{\"key\":\"stage\",\"operator\":\"In\",\"values\":[\"canary\"]}]}"));

    assertEquals(201, createVirtualService("petstore").code());
    assertEquals(0, received.size(), "no label validate=yes, namespace not labelled stage=canary, not a status write");

    ApiClients.Reply status = clients.sendJson("PUT", Manifests.VS_COLLECTION + "/petstore/status", ApiClients.JSON,
        clients.get(Manifests.VS_COLLECTION + "/petstore").text());
    assertEquals(200, status.code(), status.text());
    assertEquals(1, received.size(), "*/status selects status writes: " + received);
    assertEquals("status", received.get(0).request().path("subResource").asText());

    String labelled = Manifests.virtualServiceWithNewerFields("labelled").replace("\"team\":\"petstore\"",
        "\"team\":\"petstore\",\"validate\":\"yes\"");
    assertEquals(201, clients.sendJson("POST", Manifests.VS_COLLECTION, ApiClients.JSON, labelled).code());
    assertEquals(2, received.size(), "objectSelector matches the labels");

    assertEquals(201, clients.sendJson("POST", "/api/v1/namespaces", ApiClients.JSON,
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"canary\",\"labels\":{\"stage\":\"canary\"}}}")
        .code());
    String inCanary = Manifests.virtualServiceWithNewerFields("in-canary").replace("\"namespace\":\"gloo-system\"",
        "\"namespace\":\"canary\"");
    assertEquals(201, clients.sendJson("POST", "/apis/gateway.solo.io/v1/namespaces/canary/virtualservices",
        ApiClients.JSON, inCanary).code());
    assertEquals(3, received.size(), "namespaceSelector matches the namespace's labels");
    assertEquals("canary", received.get(2).request().path("namespace").asText());

    assertEquals(200, clients.send("DELETE", Manifests.VS_COLLECTION + "/petstore", ApiClients.JSON, null, null).code());
    assertEquals(4, received.size(), "the DELETE-only rule");
    assertEquals("DELETE", received.get(3).request().path("operation").asText());
  }

  @Test
  void theRightCaBundleIsTrustedAndTheServiceNameSentAsSni() {
    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1\"]"));
    answer = review -> deny(review, "{\"message\":\"not today\"}");

    ApiClients.Reply refused = createVirtualService("petstore");

    assertEquals(400, refused.code(), refused.text());
    assertEquals("admission webhook \"" + WEBHOOK + "\" denied the request: not today",
        refused.json().path("message").asText());
    assertEquals(1, received.size());
    assertFalse(serverNames.isEmpty(), "the API server sent SNI");
    assertTrue(serverNames.stream().allMatch("gloo.gloo-system.svc"::equals), serverNames.toString());
    assertTrue(api.webhookCallsFailedOpen().isEmpty(), api.webhookCallsFailedOpen().toString());
  }

  @Test
  void anEmptyCaBundleFailsTheHandshakeAndIgnoreAdmits() {
    // As the chart installs it: certgen has not written the caBundle yet.
    configure(webhookJson(WEBHOOK, VS_RULE, "Ignore", "[\"v1\"]", "", ""));
    answer = review -> deny(review, "{\"message\":\"never asked\"}");

    assertEquals(201, createVirtualService("admitted").code(), "Ignore: the write goes on");

    assertEquals(0, received.size(), "the handshake failed before any review was sent");
    assertEquals(List.of("Failed calling webhook, failing open " + WEBHOOK + ": failed calling webhook \"" + WEBHOOK
        + "\": failed to call webhook: " + UNKNOWN_AUTHORITY), api.webhookCallsFailedOpen());
  }

  @Test
  void aWrongCaBundleFailsTheHandshakeAndFailRefuses() {
    String otherCa = Base64.getEncoder().encodeToString(ServingCertificates.forService("gloo", "gloo-system").caPem());
    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1\"]", "", otherCa));

    ApiClients.Reply refused = createVirtualService("refused");

    assertEquals(500, refused.code(), refused.text());
    assertEquals("InternalError", refused.json().path("reason").asText());
    assertEquals("Internal error occurred: failed calling webhook \"" + WEBHOOK + "\": failed to call webhook: "
        + UNKNOWN_AUTHORITY, refused.json().path("message").asText());
    assertEquals(404, clients.get(Manifests.VS_COLLECTION + "/refused").code(), "nothing was stored");
    assertEquals(0, received.size());

    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1\"]", "", Base64.getEncoder().encodeToString(
        "no PEM here".getBytes(StandardCharsets.UTF_8))));
    assertEquals("Internal error occurred: failed calling webhook \"" + WEBHOOK + "\": could not get REST client: "
        + "unable to load root certificates: unable to parse bytes as PEM block",
        createVirtualService("refused").json().path("message").asText());
  }

  @Test
  void aCertificateForAnotherNameIsRefused() {
    // Signed by the trusted CA, but issued for Service gloo-system/other: the name is what fails.
    ServingCertificates other = ServingCertificates.forService("other", "gloo-system");
    served.set(servingKey(other));
    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1\"]", "",
        Base64.getEncoder().encodeToString(other.caPem())));

    ApiClients.Reply refused = createVirtualService("refused");

    assertEquals(500, refused.code(), refused.text());
    assertEquals("Internal error occurred: failed calling webhook \"" + WEBHOOK + "\": failed to call webhook: "
        + "Post \"https://gloo.gloo-system.svc:443/validation?timeout=10s\": tls: failed to verify certificate: "
        + "x509: certificate is valid for other, other.gloo-system, other.gloo-system.svc, "
        + "other.gloo-system.svc.cluster.local, not gloo.gloo-system.svc", refused.json().path("message").asText());
    assertEquals(0, received.size());

    served.set(servingKey(GLOO));
    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1\"]"));
    assertEquals(201, createVirtualService("accepted").code(), "the right name and CA again: called and allowed");
    assertEquals(1, received.size());
  }

  @Test
  void aWebhookWithoutTlsOrWithoutACertificateFails() throws IOException {
    configure(webhookJson(WEBHOOK, VS_RULE, "Fail", "[\"v1\"]"));
    served.set(null);
    ApiClients.Reply noCertificate = createVirtualService("refused");
    assertEquals(500, noCertificate.code(), noCertificate.text());
    // The JDK's HTTPS server closes the connection when it has no certificate to present (Go would see EOF).
    String closed = noCertificate.json().path("message").asText();
    assertTrue(closed.endsWith("?timeout=10s\": EOF") || closed.contains("?timeout=10s\": remote error: tls: "),
        noCertificate.text());

    // A server that answers in plain HTTP whatever it is sent, as an HTTP server does to a ClientHello.
    try (ServerSocket plain = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> {
        while (!plain.isClosed()) {
          try (Socket connection = plain.accept()) {
            connection.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            // Until the client gives up: closing first could reach it before the answer does.
            connection.setSoTimeout(5_000);
            connection.getInputStream().transferTo(OutputStream.nullOutputStream());
          } catch (IOException e) {
            // closed: the test is over
          }
        }
      }, "plain-http-webhook");
      answering.setDaemon(true);
      answering.start();
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), plain.getLocalPort());
      api.serviceEndpoints((namespace, service, port) -> Optional.of(address));
      ApiClients.Reply plainHttp = createVirtualService("refused");
      assertEquals(500, plainHttp.code(), plainHttp.text());
      assertTrue(plainHttp.json().path("message").asText().endsWith(
          "?timeout=10s\": tls: first record does not look like a TLS handshake"), plainHttp.text());
    }
    assertEquals(0, received.size());
  }

  private ApiClients.Reply createVirtualService(String name) {
    return clients.sendJson("POST", Manifests.VS_COLLECTION, ApiClients.JSON,
        Manifests.virtualServiceWithNewerFields(name));
  }

  /** Creates or replaces the one configuration, with these webhooks. */
  private void configure(String... webhooks) {
    String path = CONFIGURATIONS + "/gloo-gateway-validation-webhook-gloo-system";
    clients.send("DELETE", path, ApiClients.JSON, null, null);
    ApiClients.Reply created = clients.sendJson("POST", CONFIGURATIONS, ApiClients.JSON, configurationJson(webhooks));
    assertEquals(201, created.code(), created.text());
  }

  private static String configurationJson(String... webhooks) {
    return """
        {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration",
         "metadata":{"name":"gloo-gateway-validation-webhook-gloo-system"},"webhooks":[%s]}
        """.formatted(String.join(",", webhooks));
  }

  /** A webhook on Service gloo-system/gloo:443 /validation, as the Gloo chart's once certgen set its caBundle. */
  private static String webhookJson(String name, String rule, String failurePolicy, String versions) {
    return webhookJson(name, rule, failurePolicy, versions, "");
  }

  /** The same, with more fields ({@code ,"objectSelector":{...}}). */
  private static String webhookJson(String name, String rule, String failurePolicy, String versions, String more) {
    return webhookJson(name, rule, failurePolicy, versions, more, CA_BUNDLE);
  }

  /** The same, with this caBundle (base64 of PEM; empty as the chart installs it). */
  private static String webhookJson(String name, String rule, String failurePolicy, String versions, String more,
      String caBundle) {
    return """
        {"name":"%s","clientConfig":{"service":{"namespace":"gloo-system","name":"gloo","path":"/validation",
         "port":443},"caBundle":"%s"},"rules":[%s],"sideEffects":"None","admissionReviewVersions":%s,
         "failurePolicy":"%s"%s}""".formatted(name, caBundle, rule, versions, failurePolicy, more);
  }

  private static ServingKey servingKey(ServingCertificates certificates) {
    return new ServingKey(certificates.key(), List.of(certificates.certificate()));
  }

  private static String allow(JsonNode review) {
    return "{\"apiVersion\":\"" + review.path("apiVersion").asText() + "\",\"kind\":\"AdmissionReview\","
        + "\"response\":{\"uid\":\"" + review.at("/request/uid").asText() + "\",\"allowed\":true}}";
  }

  private static String deny(JsonNode review, String status) {
    return "{\"apiVersion\":\"" + review.path("apiVersion").asText() + "\",\"kind\":\"AdmissionReview\","
        + "\"response\":{\"uid\":\"" + review.at("/request/uid").asText() + "\",\"allowed\":false,\"status\":"
        + status + "}}";
  }
}
