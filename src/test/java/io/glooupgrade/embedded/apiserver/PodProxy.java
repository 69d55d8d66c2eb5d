package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pod proxy subresource, as the real API server serves it:
 * {@code /api/v1/namespaces/NS/pods/[http:]NAME[:PORT]/proxy[/PATH][?QUERY]} forwards the request
 * (method, path remainder, query, body, Content-Type and Accept) to that port of the pod and answers
 * with the pod's status, body and Content-Type unchanged. Without a port, the pod's first declared
 * container port is used (80 when it declares none), as the real API server does. This is how the
 * harness reads a pod's HTTP endpoint (Envoy's admin {@code /stats/prometheus} on 19000) portably:
 * the same request works on a real cluster.
 *
 * <p>Where a pod's port listens is said by {@link PodEndpoints}. Answers: 400 BadRequest for a
 * malformed {@code NAME:PORT}, 404 NotFound when the pod is not stored, 503 ServiceUnavailable
 * (message as the real API server's, {@code error trying to reach service: dial tcp ...}) when
 * nothing listens or the pod does not answer in time.
 *
 * <p>Threading: the mock server calls its dispatcher on its single Vert.x event loop and wants the
 * answer back synchronously, so the forward is a blocking call on that thread. It is bounded
 * (connect 2 s, whole request 10 s) and goes to a loopback server that answers in milliseconds;
 * while it runs the API serves nothing else. So a pod endpoint must never call the embedded API
 * while answering (it would wait for itself until the timeout). Vert.x's blocked-thread checker
 * warns if a pod endpoint takes more than 2 s.
 *
 * <p>Not served: HTTPS to the pod ({@code https:NAME:PORT}), connection upgrades (WebSocket,
 * SPDY) through the proxy, and the root without a trailing slash is forwarded as {@code /} instead
 * of being redirected to {@code .../proxy/}. Response headers other than Content-Type are dropped.
 */
final class PodProxy {

  private static final Pattern PATH = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/proxy(/.*)?$");
  private static final Set<String> FORWARDED_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = LoopbackHttpClient.SHARED;

  private volatile PodEndpoints endpoints = PodEndpoints.NONE;

  /** A request for the proxy subresource: the pod id ({@code [scheme:]name[:port]}) and what follows {@code /proxy}. */
  record Target(String namespace, String id, String remainder, String query) {

    /** The proxy request this raw path (with query) names, or empty when it is not one. */
    static Optional<Target> match(String rawPath) {
      int q = rawPath.indexOf('?');
      String path = q < 0 ? rawPath : rawPath.substring(0, q);
      String query = q < 0 ? "" : rawPath.substring(q + 1);
      Matcher m = PATH.matcher(path);
      if (!m.matches()) {
        return Optional.empty();
      }
      String remainder = m.group(3) == null ? "/" : m.group(3);
      return Optional.of(new Target(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8), remainder,
          query));
    }
  }

  void endpoints(PodEndpoints endpoints) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
  }

  /**
   * Forwards the request to the pod's port.
   *
   * @param storedPod reads a pod from the API's store: (namespace, name) to the pod, or empty
   */
  ApiResponse forward(RecordedRequest request, Target target,
      BiFunction<String, String, Optional<JsonNode>> storedPod) {
    // As utilnet.SplitSchemeNamePort: "name", "name:port" or "scheme:name:port".
    String[] parts = target.id().split(":", -1);
    String scheme = parts.length == 3 ? parts[0] : "";
    String name = parts.length == 3 ? parts[1] : parts[0];
    String port = parts.length == 1 ? "" : parts[parts.length - 1];
    if (parts.length > 3 || name.isEmpty() || !Set.of("", "http", "https").contains(scheme)) {
      throw new ApiRefusal(400, "BadRequest", "invalid pod request \"" + target.id() + "\"");
    }
    if (scheme.equals("https")) {
      throw new ApiRefusal(400, "BadRequest", "the embedded API proxies plain http to pods, not https ("
          + target.id() + ")");
    }
    String method = request.getMethod();
    if (!FORWARDED_METHODS.contains(method)) {
      throw new ApiRefusal(405, "MethodNotAllowed", "method " + method + " is not served by the pod proxy");
    }
    if (request.getHeader("Upgrade") != null) {
      throw new ApiRefusal(400, "BadRequest", "connection upgrades (" + request.getHeader("Upgrade")
          + ") through the pod proxy are not served");
    }
    JsonNode pod = storedPod.apply(target.namespace(), name).orElseThrow(() ->
        new ApiRefusal(404, "NotFound", "pods \"" + name + "\" not found").asExpected());
    if (port.isEmpty()) {
      port = firstContainerPort(pod);
    }
    String podIp = pod.path("status").path("podIP").asText("");
    String dialed = (podIp.isEmpty() ? name : podIp) + ":" + port;
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 1 || number > 65535) {
      throw unreachable(dialed, "unknown port", target.namespace(), name, port);
    }
    Optional<InetSocketAddress> address = endpoints.resolve(target.namespace(), name, number);
    if (address.isEmpty()) {
      throw unreachable(dialed, "connect: connection refused", target.namespace(), name, port);
    }
    URI uri;
    try {
      uri = URI.create("http://" + host(address.get()) + ":" + address.get().getPort() + target.remainder()
          + (target.query().isEmpty() ? "" : "?" + target.query()));
    } catch (IllegalArgumentException e) {
      throw new ApiRefusal(400, "BadRequest", "the proxied path is not a valid URI: " + e.getMessage());
    }
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
    HttpRequest.Builder upstream = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    copyHeader(request, upstream, "Content-Type");
    copyHeader(request, upstream, "Accept");
    try {
      HttpResponse<byte[]> response = HTTP.send(upstream.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new ApiResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (HttpConnectTimeoutException e) {
      throw unreachable(dialed, "i/o timeout", target.namespace(), name, port);
    } catch (HttpTimeoutException e) {
      throw unreachable(dialed, "no answer within " + REQUEST_TIMEOUT.toSeconds() + "s", target.namespace(), name,
          port);
    } catch (ConnectException e) {
      throw unreachable(dialed, "connect: connection refused", target.namespace(), name, port);
    } catch (IOException e) {
      throw unreachable(dialed, String.valueOf(e), target.namespace(), name, port);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(dialed, "interrupted", target.namespace(), name, port);
    }
  }

  private static String firstContainerPort(JsonNode pod) {
    for (JsonNode container : pod.path("spec").path("containers")) {
      JsonNode ports = container.path("ports");
      if (ports.size() > 0) {
        return ports.get(0).path("containerPort").asText();
      }
    }
    return "80";
  }

  /** The real API server's answer when it cannot reach the pod, naming the pod and port in the embedded cluster. */
  private static ApiRefusal unreachable(String dialed, String cause, String namespace, String pod, String port) {
    return new ApiRefusal(503, "ServiceUnavailable", "error trying to reach service: dial tcp " + dialed + ": "
        + cause + " (port " + port + " of pod " + namespace + "/" + pod + " in the embedded cluster)").asExpected();
  }

  private static String host(InetSocketAddress address) {
    if (address.getAddress() == null) {
      return address.getHostString();
    }
    String ip = address.getAddress().getHostAddress();
    return address.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip;
  }

  private static void copyHeader(RecordedRequest from, HttpRequest.Builder to, String header) {
    String value = from.getHeader(header);
    if (value != null) {
      to.header(header, value);
    }
  }
}
