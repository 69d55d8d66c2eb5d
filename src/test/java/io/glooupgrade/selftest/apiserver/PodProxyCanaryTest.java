package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.embedded.apiserver.PodEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canary for the embedded API's pod proxy subresource,
 * {@code /api/v1/namespaces/NS/pods/[http:]NAME[:PORT]/proxy/PATH?QUERY}: how the harness reads a pod's
 * HTTP port (Envoy's admin {@code /stats/prometheus} on 19000, as {@code glooctl check} does) the same
 * way on the embedded cluster and on a real one. A JDK HTTP server on loopback plays the pod's port;
 * a {@link PodEndpoints} says it listens for port 19000 of the gateway-proxy pod.
 * <ul>
 *   <li>{@link #getReturnsThePodsAnswerUnchanged()}: status, body and Content-Type of the pod, not
 *       reshaped into JSON, for the {@code NAME:PORT}, {@code http:NAME:PORT} and {@code NAME} (first
 *       container port) forms, and a pod's own 404 stays the pod's.</li>
 *   <li>{@link #queriesBodiesAndMethodsPassThrough()}: the query string, every method, the request body
 *       and its Content-Type reach the pod as sent.</li>
 *   <li>{@link #aMissingPodIsNotFound()}: 404 NotFound Status when the pod is not stored, even if
 *       something would answer.</li>
 *   <li>{@link #aPortWithNothingListeningIsServiceUnavailable()}: 503 ServiceUnavailable naming pod and
 *       port when the port resolves to nothing (by default, for an unmapped port) or when nothing
 *       answers at the address it resolves to.</li>
 *   <li>{@link #fabric8ReadsThroughTheProxy()}: {@code KubernetesClient.raw} reads and posts through it.</li>
 *   <li>{@link #otherPodSubresourcesAreRefused()}: exec, attach, portforward (and writes to log) are
 *       refused with a 405 Status, never answered with the stored pod.</li>
 * </ul>
 */
class PodProxyCanaryTest extends EmbeddedApiCanary {

  private static final String POD = "gateway-proxy-7d9f8c6b5-x2x4q";
  private static final String PODS = "/api/v1/namespaces/" + Manifests.NAMESPACE + "/pods";
  private static final String ADMIN = PODS + "/" + POD + ":19000/proxy";
  private static final String STATS = "envoy_cluster_upstream_cx_total{envoy_cluster_name=\"gloo-system-gloo-9977\"} 3\n"
      + "envoy_server_live 1\n";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String ECHO_TYPE = "application/x-echo";

  private HttpServer envoyAdmin;

  @BeforeEach
  void startPodAndItsAdminPort() throws IOException {
    ApiClients.Reply created = clients.sendJson("POST", PODS, ApiClients.JSON, pod(POD, 19000));
    assertEquals(201, created.code(), created.text());
    envoyAdmin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    envoyAdmin.createContext("/stats/prometheus", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, STATS));
    envoyAdmin.createContext("/ready", exchange -> answer(exchange, 200, "text/plain; charset=UTF-8", "LIVE\n"));
    envoyAdmin.createContext("/missing", exchange -> answer(exchange, 404, "text/plain", "invalid path: /missing\n"));
    // Everything else: what the pod received, one line each.
    envoyAdmin.createContext("/", exchange -> answer(exchange, 200, ECHO_TYPE, String.join("\n",
        exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        String.valueOf(exchange.getRequestURI().getRawQuery()),
        String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")), body(exchange))));
    envoyAdmin.start();
    InetSocketAddress admin = envoyAdmin.getAddress();
    api.podEndpoints((namespace, pod, port) ->
        namespace.equals(Manifests.NAMESPACE) && pod.equals(POD) && port == 19000 ? Optional.of(admin) : Optional.empty());
  }

  @AfterEach
  void stopAdminPort() {
    envoyAdmin.stop(0);
  }

  @Test
  void getReturnsThePodsAnswerUnchanged() {
    ApiClients.Reply stats = clients.get(ADMIN + "/stats/prometheus", "text/plain");
    assertEquals(200, stats.code(), stats.text());
    assertEquals(STATS, stats.text());
    assertEquals(PROMETHEUS_TEXT, stats.contentType());

    for (String form : List.of(POD + ":19000", "http:" + POD + ":19000", POD)) {
      ApiClients.Reply ready = clients.get(PODS + "/" + form + "/proxy/ready", "*/*");
      assertEquals(200, ready.code(), form + ": " + ready.text());
      assertEquals("LIVE\n", ready.text(), form);
      assertEquals("text/plain; charset=UTF-8", ready.contentType(), form);
    }

    ApiClients.Reply root = clients.get(ADMIN, "*/*");
    assertEquals(200, root.code(), root.text());
    assertEquals("GET", root.text().split("\n")[0]);
    assertEquals("/", root.text().split("\n")[1], "the proxy root is the pod's /");

    ApiClients.Reply missing = clients.get(ADMIN + "/missing", "*/*");
    assertEquals(404, missing.code(), "the pod's own status: " + missing.text());
    assertEquals("invalid path: /missing\n", missing.text(), "not rewritten into a Status");
    assertEquals("text/plain", missing.contentType());
  }

  @Test
  void queriesBodiesAndMethodsPassThrough() {
    ApiClients.Reply query = clients.get(ADMIN + "/stats?usedonly&filter=cluster%2Fgloo.*cx", "*/*");
    assertEquals(200, query.code(), query.text());
    assertEquals(ECHO_TYPE, query.contentType());
    assertEquals(List.of("GET", "/stats", "usedonly&filter=cluster%2Fgloo.*cx", "null", ""), lines(query));

    for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
      ApiClients.Reply reply = clients.send(method, ADMIN + "/logging?level=debug", "*/*", "application/json",
          "{\"paths\":[\"upstream\"]}".getBytes(StandardCharsets.UTF_8));
      assertEquals(200, reply.code(), method + ": " + reply.text());
      assertEquals(List.of(method, "/logging", "level=debug", "application/json", "{\"paths\":[\"upstream\"]}"),
          lines(reply), method);
    }
  }

  @Test
  void aMissingPodIsNotFound() {
    api.podEndpoints((namespace, pod, port) -> Optional.of(envoyAdmin.getAddress()));
    ApiClients.Reply reply = clients.get(PODS + "/gateway-proxy-gone:19000/proxy/ready", "*/*");
    assertStatus(reply, 404, "NotFound");
    assertTrue(reply.json().path("message").asText().contains("gateway-proxy-gone"), reply.text());
    assertStatus(clients.get("/api/v1/namespaces/other/pods/" + POD + ":19000/proxy/ready", "*/*"), 404, "NotFound");
  }

  @Test
  void aPortWithNothingListeningIsServiceUnavailable() throws IOException {
    ApiClients.Reply unmapped = clients.get(PODS + "/" + POD + ":19001/proxy/ready", "*/*");
    assertStatus(unmapped, 503, "ServiceUnavailable");
    String message = unmapped.json().path("message").asText();
    assertTrue(message.startsWith("error trying to reach service: dial tcp "), message);
    assertTrue(message.contains("19001") && message.contains(POD), message);

    assertEquals(201, clients.sendJson("POST", PODS, ApiClients.JSON, pod("gloo-5b7d9c7f4-abcde", 9091)).code());
    ApiClients.Reply otherPod = clients.get(PODS + "/gloo-5b7d9c7f4-abcde/proxy/metrics", "*/*");
    assertStatus(otherPod, 503, "ServiceUnavailable");
    assertTrue(otherPod.json().path("message").asText().contains("9091"), "the first container port: " + otherPod.text());

    api.podEndpoints(PodEndpoints.NONE);
    assertStatus(clients.get(ADMIN + "/ready", "*/*"), 503, "ServiceUnavailable");

    InetSocketAddress closed = closedLoopbackPort();
    api.podEndpoints((namespace, pod, port) -> Optional.of(closed));
    ApiClients.Reply refused = clients.get(ADMIN + "/ready", "*/*");
    assertStatus(refused, 503, "ServiceUnavailable");
    assertTrue(refused.json().path("message").asText().contains("connection refused"), refused.text());
  }

  @Test
  void fabric8ReadsThroughTheProxy() {
    try (KubernetesClient fabric8 = clients.fabric8()) {
      assertEquals(STATS, fabric8.raw(ADMIN + "/stats/prometheus"));
      String posted = fabric8.raw(ADMIN + "/runtime_modify?key=value", "POST", "{\"drain\":true}");
      assertEquals(List.of("POST", "/runtime_modify", "key=value", "application/json", "{\"drain\":true}"),
          List.of(posted.split("\n", -1)));
      assertNull(fabric8.raw(PODS + "/gateway-proxy-gone:19000/proxy/ready"), "raw reads a 404 as null");
    }
  }

  @Test
  void otherPodSubresourcesAreRefused() {
    for (String subresource : List.of("log", "exec?command=ls&stdout=true", "attach", "portforward?ports=19000")) {
      // A GET of log is served (PodLogsCanaryTest); nothing else is.
      for (String method : subresource.equals("log") ? List.of("POST", "PUT") : List.of("GET", "POST")) {
        ApiClients.Reply reply = clients.send(method, PODS + "/" + POD + "/" + subresource, ApiClients.JSON,
            ApiClients.JSON, "{}".getBytes(StandardCharsets.UTF_8));
        assertStatus(reply, 405, "MethodNotAllowed");
      }
    }
    assertEquals(200, clients.get(PODS + "/" + POD + "/status").code(), "status is still served");
    assertEquals(200, clients.get(PODS + "/" + POD).code(), "the pod is still there");
  }

  private static String pod(String name, int containerPort) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"%s","labels":{"gloo":"gateway-proxy"}},
         "spec":{"containers":[{"name":"gateway-proxy","image":"quay.io/solo-io/gloo-envoy-wrapper:1.17.0",
          "ports":[{"containerPort":%d,"name":"admin","protocol":"TCP"}]}]},
         "status":{"phase":"Running","podIP":"10.244.0.7"}}
        """.formatted(name, Manifests.NAMESPACE, containerPort);
  }

  /** A loopback port that was just free: resolved, but nothing listens there any more. */
  private static InetSocketAddress closedLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }
  }

  private static List<String> lines(ApiClients.Reply reply) {
    return List.of(reply.text().split("\n", -1));
  }

  private static void assertStatus(ApiClients.Reply reply, int code, String reason) {
    assertEquals(code, reply.code(), reply.text());
    JsonNode status = reply.json();
    assertEquals("Status", status.path("kind").asText(), reply.text());
    assertEquals(reason, status.path("reason").asText(), reply.text());
    assertEquals(code, status.path("code").asInt(), reply.text());
  }

  private static String body(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void answer(HttpExchange exchange, int code, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
