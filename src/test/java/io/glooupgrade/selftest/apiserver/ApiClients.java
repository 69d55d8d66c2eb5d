package io.glooupgrade.selftest.apiserver;

import io.glooupgrade.kube.KubeconfigYaml;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How the canary tests reach an embedded API the way real clients do: plain HTTP with the headers
 * client-go sends, the fabric8 client, and a kubeconfig for Helm.
 */
final class ApiClients {

  static final String JSON = "application/json";
  static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
  /** What client-go's protobuf-enabled typed clientsets (Helm's release storage) accept. */
  static final String PROTOBUF_OR_JSON = "application/vnd.kubernetes.protobuf, application/json";
  /** What client-go's discovery client accepts. */
  static final String DISCOVERY_ACCEPT = "application/json, */*";
  static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** A guard, not a wait: a request the server never answers fails the test instead of hanging it. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final EmbeddedApiServer api;
  private final String token;
  // client-go speaks HTTP/1.1 to a plain-http server; the JDK's default would offer an h2c upgrade.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(REQUEST_TIMEOUT).build();

  /** Clients that act as the cluster's administrator, as Helm and the harness do. */
  ApiClients(EmbeddedApiServer api) {
    this(api, EmbeddedApiServer.ADMIN_TOKEN);
  }

  /** Clients whose HTTP requests carry this bearer token (a ServiceAccount's, say). */
  ApiClients(EmbeddedApiServer api, String token) {
    this.api = api;
    this.token = token;
  }

  /** An answer as the client sees it. */
  record Reply(int code, String contentType, byte[] body) {

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + contentType + "): " + text(), e);
      }
    }
  }

  Reply get(String path, String accept) {
    return send("GET", path, accept, null, null);
  }

  Reply get(String path) {
    return get(path, PROTOBUF_OR_JSON);
  }

  Reply sendJson(String method, String path, String contentType, String body) {
    return send(method, path, PROTOBUF_OR_JSON, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  Reply send(String method, String path, String accept, String contentType, byte[] body) {
    return send(method, path, accept, contentType, body, "Bearer " + token);
  }

  /** A request with this Authorization header (none when null) and extra headers, name then value. */
  Reply send(String method, String path, String accept, String contentType, byte[] body, String authorization,
      String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", accept)
        .header("User-Agent", "helm/v3.21.0 (linux/amd64) kubernetes/$Format")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A fabric8 client configured from the same kubeconfig Helm gets. */
  KubernetesClient fabric8() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig())).build();
  }

  String kubeconfig() {
    return kubeconfig(api.url());
  }

  static String kubeconfig(String serverUrl) {
    return KubeconfigYaml.of("embedded", serverUrl, EmbeddedApiServer.ADMIN_TOKEN);
  }

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
