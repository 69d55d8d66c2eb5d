package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The {@code log} subresource of pods ({@code GET /api/v1/namespaces/NS/pods/NAME/log}), answered
 * from {@link PodLogs} as text/plain, with the real API server's errors: 404 for a pod that is not
 * stored; 400 BadRequest when a pod of several containers is asked without {@code container}, or
 * for a container it does not have; 400 {@code container "C" in pod "P" is waiting to start: REASON}
 * when nothing was written for the container yet (REASON from its status, else ContainerCreating);
 * 400 for {@code previous=true}, as no container here ever restarts. Served: {@code container},
 * {@code tailLines}, {@code limitBytes}, {@code previous}. Refused rather than half-done:
 * {@code follow}, {@code timestamps}, {@code sinceSeconds}, {@code sinceTime} (no stream, no times).
 */
final class PodLogSubresource {

  private static final Set<String> REFUSED = Set.of("follow", "timestamps", "sinceSeconds", "sinceTime");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PodLogs logs;

  PodLogSubresource(PodLogs logs) {
    this.logs = logs;
  }

  static boolean serves(ApiPath api) {
    return api.group().isEmpty() && api.plural().equals("pods") && "log".equals(api.subresource());
  }

  /** The answer to a GET of the log of the pod {@code api} names; storedPod reads a pod as stored. */
  ApiResponse answer(ApiPath api, BiFunction<String, String, Optional<JsonNode>> storedPod) {
    String name = api.name();
    Map<String, String> query = query(api.query());
    for (String parameter : REFUSED) {
      String value = query.get(parameter);
      if (value != null && !value.equals("false") && !value.isEmpty()) {
        throw new ApiRefusal(400, "BadRequest", "the embedded API serves logs without " + parameter
            + " (no streams, no timestamps): ask again without it");
      }
    }
    Long tailLines = number(query, "tailLines", name, 0, "must be greater than or equal to 0");
    Long limitBytes = number(query, "limitBytes", name, 1, "must be greater than 0");
    JsonNode pod = storedPod.apply(api.namespace(), name).orElseThrow(() ->
        new ApiRefusal(404, "NotFound", "pods \"" + name + "\" not found")
            .withDetails(JSON.createObjectNode().put("name", name).put("kind", "pods")).asExpected());
    String container = container(pod, name, query.get("container"));
    if (isTrue(query.get("previous"))) {
      throw new ApiRefusal(400, "BadRequest",
          "previous terminated container \"" + container + "\" in pod \"" + name + "\" not found").asExpected();
    }
    String text = logs.read(api.namespace(), name, container).orElseThrow(() -> new ApiRefusal(400, "BadRequest",
        "container \"" + container + "\" in pod \"" + name + "\" is waiting to start: " + waitingReason(pod, container))
        .asExpected());
    if (tailLines != null) {
      text = tail(text, tailLines);
    }
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    if (limitBytes != null && body.length > limitBytes) {
      body = java.util.Arrays.copyOf(body, limitBytes.intValue());
    }
    return new ApiResponse(200, "text/plain", body);
  }

  /** As the real API's ValidateContainer: the one container, else the named one, which must exist. */
  private static String container(JsonNode pod, String podName, String asked) {
    List<String> containers = names(pod.path("spec").path("containers"));
    List<String> all = new ArrayList<>(names(pod.path("spec").path("initContainers")));
    all.addAll(containers);
    all.addAll(names(pod.path("spec").path("ephemeralContainers")));
    if (asked == null || asked.isEmpty()) {
      if (containers.size() == 1) {
        return containers.get(0);
      }
      throw new ApiRefusal(400, "BadRequest", "a container name must be specified for pod " + podName
          + (containers.isEmpty() ? "" : ", choose one of: [" + String.join(" ", all) + "]")).asExpected();
    }
    if (!all.contains(asked)) {
      throw new ApiRefusal(400, "BadRequest", "container " + asked + " is not valid for pod " + podName).asExpected();
    }
    return asked;
  }

  private static String waitingReason(JsonNode pod, String container) {
    for (String statuses : List.of("initContainerStatuses", "containerStatuses")) {
      for (JsonNode status : pod.path("status").path(statuses)) {
        if (status.path("name").asText().equals(container)) {
          String reason = status.path("state").path("waiting").path("reason").asText("");
          if (!reason.isEmpty()) {
            return reason;
          }
        }
      }
    }
    return "ContainerCreating";
  }

  /** The last {@code lines} lines, each with its line break. */
  static String tail(String text, long lines) {
    if (lines == 0) {
      return "";
    }
    int end = text.endsWith("\n") ? text.length() - 1 : text.length();
    int start = end;
    long seen = 0;
    while (start > 0) {
      if (text.charAt(start - 1) == '\n' && ++seen == lines) {
        break;
      }
      start--;
    }
    return text.substring(start);
  }

  private static Long number(Map<String, String> query, String parameter, String pod, long min, String rule) {
    String value = query.get(parameter);
    if (value == null) {
      return null;
    }
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ApiRefusal(400, "BadRequest", "invalid " + parameter + ": " + value);
    }
    if (n < min) {
      throw new ApiRefusal(422, "Invalid", "PodLogOptions \"" + pod + "\" is invalid: " + parameter
          + ": Invalid value: " + n + ": " + rule);
    }
    return n;
  }

  private static boolean isTrue(String value) {
    return value != null && (value.equals("true") || value.equals("1") || value.equalsIgnoreCase("t")
        || value.equals("True") || value.equals("TRUE"));
  }

  private static List<String> names(JsonNode containers) {
    List<String> names = new ArrayList<>();
    containers.forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  private static Map<String, String> query(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      parameters.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return parameters;
  }
}
