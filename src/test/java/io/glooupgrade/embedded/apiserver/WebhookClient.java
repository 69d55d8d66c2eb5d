package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glooupgrade.embedded.pki.ServiceDnsNames;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Posts an AdmissionReview to a webhook's {@code clientConfig.service} (namespace, name, port
 * default 443, path) over HTTPS and reads the answer. {@link ServiceEndpoints} says which loopback
 * address stands for the Service's port; the TLS handshake is the real API server's: it trusts only
 * the CAs in {@code clientConfig.caBundle}, sends {@code NAME.NAMESPACE.svc} as SNI and requires the
 * certificate to name it ({@link WebhookHttpClients}, {@link CaBundleTrust}). Errors carry the real
 * API server's wording, naming the {@code https://NAME.NAMESPACE.svc:PORT/PATH} it would dial, for
 * example {@code tls: failed to verify certificate: x509: certificate signed by unknown authority}
 * while no caBundle is set.
 *
 * <p>Threading: as {@link PodProxy}, a blocking call on the API's single event loop, so it is
 * bounded (connect 2 s, whole call the webhook's {@code timeoutSeconds}, default 10, at most 10)
 * and a webhook must never call the embedded API while it answers (nor while it shakes hands).
 *
 * <p>Not served: {@code clientConfig.url} (the call fails, and failurePolicy decides).
 */
final class WebhookClient {

  private static final int MAX_TIMEOUT_SECONDS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebhookHttpClients clients = new WebhookHttpClients();
  private volatile ServiceEndpoints endpoints = ServiceEndpoints.NONE;

  void endpoints(ServiceEndpoints endpoints) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
  }

  /** The answered review, as JSON. */
  JsonNode call(JsonNode webhook, ObjectNode review) throws WebhookCallFailure {
    JsonNode clientConfig = webhook.path("clientConfig");
    int timeout = Math.max(1, Math.min(MAX_TIMEOUT_SECONDS, webhook.path("timeoutSeconds").asInt(10)));
    JsonNode service = clientConfig.path("service");
    if (!service.isObject()) {
      throw new WebhookCallFailure("failed to call webhook: the embedded API calls webhooks through "
          + "clientConfig.service only, not clientConfig.url (" + clientConfig.path("url").asText() + ")");
    }
    String namespace = service.path("namespace").asText();
    String name = service.path("name").asText();
    int port = service.path("port").asInt(443);
    String path = service.path("path").asText("/");
    String query = "?timeout=" + timeout + "s";
    String host = ServiceDnsNames.apiServerName(name, namespace);
    String dialed = "Post \"https://" + host + ":" + port + path + query + "\": ";
    HttpClient https = clients.forWebhook(clientConfig.path("caBundle").asText(""), host);
    Optional<InetSocketAddress> address = endpoints.resolve(namespace, name, port);
    if (address.isEmpty()) {
      throw failed(dialed + "no endpoints available for service \"" + name + "\" (nothing answers for port " + port
          + " of Service " + namespace + "/" + name + " in the embedded cluster)");
    }
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create("https://" + host(address.get()) + ":" + address.get().getPort()
              + path + query))
          .timeout(Duration.ofSeconds(timeout))
          .header("Content-Type", "application/json")
          .header("Accept", "application/json, */*")
          .POST(HttpRequest.BodyPublishers.ofString(review.toString()))
          .build();
    } catch (IllegalArgumentException e) {
      throw failed(dialed + "invalid URL: " + e.getMessage());
    }
    HttpResponse<String> response = send(https, request, dialed, address.get(), timeout);
    if (response.statusCode() / 100 != 2) {
      throw failed(dialed + "the server answered HTTP " + response.statusCode() + ": " + shortened(response.body()));
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new WebhookCallFailure("received invalid webhook response: the answer is not JSON: "
          + shortened(response.body()));
    }
  }

  private static HttpResponse<String> send(HttpClient https, HttpRequest request, String dialed,
      InetSocketAddress address, int timeout) throws WebhookCallFailure {
    try {
      return https.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      // The JDK's connect timeout covers the TLS handshake too; on loopback a TCP connect is answered at
      // once, so what did not come in time is the handshake.
      throw failed(dialed + "net/http: TLS handshake timeout");
    } catch (HttpTimeoutException e) {
      throw failed(dialed + "context deadline exceeded (no answer within " + timeout + "s)");
    } catch (ConnectException e) {
      throw failed(dialed + "dial tcp " + address + ": connect: connection refused");
    } catch (IOException e) {
      throw failed(dialed + TlsFailures.goWording(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(dialed + "interrupted");
    }
  }

  private static WebhookCallFailure failed(String why) {
    return new WebhookCallFailure("failed to call webhook: " + why);
  }

  private static String shortened(String body) {
    String text = body == null ? "" : body.strip();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private static String host(InetSocketAddress address) {
    if (address.getAddress() == null) {
      return address.getHostString();
    }
    String ip = address.getAddress().getHostAddress();
    return address.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip;
  }
}
