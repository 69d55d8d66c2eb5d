package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Watches as a Go client (Helm waiting for its hook Jobs) sends them, over plain HTTP. fabric8's
 * mock streams watches over WebSocket only, and its answers cannot stream; so a watch from
 * {@code resourceVersion} N is answered with the objects changed since N, as MODIFIED events, and
 * then the stream ends, which a real API server may do at any time and clients answer by watching
 * again from the last version they saw. With no change yet, the (empty) stream ends after a second
 * ({@link HeldWatches} holds it and asks again meanwhile, on a server timer, not a blocked thread):
 * client-go treats a shorter empty watch as an error and backs off. Deletions are not reported (no history is kept),
 * and WatchList requests ({@code sendInitialEvents=true}) are refused, so clients fall back to list then watch.
 */
final class GoWatches {

  static final Duration QUIET_WATCH = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private GoWatches() {
  }

  /**
   * The answer to a watch of {@code api}, given how to list the collection it watches (the path of
   * the list request, with the watch's selectors).
   */
  static MockResponse answer(ApiPath api, Function<String, MockResponse> list) {
    Map<String, String> query = query(api.query());
    if ("true".equals(query.get("sendInitialEvents"))) {
      throw new ApiRefusal(405, "MethodNotAllowed", "watch lists (sendInitialEvents) are not served; "
          + "list, then watch").asExpected();
    }
    long since = parse(query.get("resourceVersion"));
    StringBuilder listPath = new StringBuilder(api.isCollection() ? api.objectPath("").replaceAll("/$", "")
        : api.objectPath(api.name()));
    String separator = "?";
    for (String selector : new String[] {"labelSelector", "fieldSelector"}) {
      if (query.containsKey(selector)) {
        listPath.append(separator).append(selector).append('=')
            .append(java.net.URLEncoder.encode(query.get(selector), StandardCharsets.UTF_8));
        separator = "&";
      }
    }
    MockResponse listed = list.apply(listPath.toString());
    StringBuilder events = new StringBuilder();
    if (listed.code() == 200) {
      JsonNode body = read(new String(listed.getBody().getBytes(), StandardCharsets.UTF_8));
      JsonNode items = body.has("items") ? body.get("items") : JSON.createArrayNode().add(body);
      for (JsonNode item : items) {
        if (parse(item.path("metadata").path("resourceVersion").asText()) > since) {
          events.append("{\"type\":\"MODIFIED\",\"object\":").append(item).append("}\n");
        }
      }
    }
    if (events.isEmpty()) {
      // The mock server delays only a non-empty body; a newline is an empty stream to a JSON decoder.
      return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody("\n")
          .setBodyDelay(QUIET_WATCH);
    }
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
        .setBody(events.toString());
  }

  /** An answer with no change: an empty stream, which the held watch asks again for. */
  static boolean isQuiet(MockResponse answer) {
    return answer.code() == 200 && "\n".equals(HeldWatches.text(answer));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return params;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static long parse(String resourceVersion) {
    try {
      return resourceVersion == null || resourceVersion.isBlank() ? 0 : Long.parseLong(resourceVersion);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the store answered a list with invalid JSON", e);
    }
  }
}
