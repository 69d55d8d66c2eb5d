package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A rule of the real API server, not a fault (batch validation, ValidateJobSpecUpdate): once a Job
 * exists, its {@code spec.completions}, {@code spec.selector} and {@code spec.template} cannot
 * change; only deleting the Job and creating it again can. That is why a completed
 * {@code gateway-certgen} Job, kept by a cluster that ignores {@code ttlSecondsAfterFinished}, fails
 * the next upgrade that patches its pod template with a new image tag (upgrade-steps.md, Step 5).
 * Status writes go through the status subresource, which keeps the stored spec: never checked here.
 */
final class ImmutableJobFields {

  private static final List<String> FIELDS = List.of("completions", "selector", "template");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Refuses, with 422 Invalid worded as the real API does, an update of a Job that changes them. */
  void check(ApiPath api, JsonNode stored, JsonNode updated) {
    if (!api.group().equals("batch") || !api.plural().equals("jobs") || api.subresource() != null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    for (String field : FIELDS) {
      JsonNode before = valueOf(stored, field);
      JsonNode after = valueOf(updated, field);
      if (!Objects.equals(before, after)) {
        errors.add(new FieldError("spec." + field, "Invalid value: " + goValue(field, after) + ": field is immutable"));
      }
    }
    if (errors.isEmpty()) {
      return;
    }
    String name = stored.path("metadata").path("name").asText(api.name());
    List<String> lines = errors.stream().map(e -> e.field() + ": " + e.body()).toList();
    // Like apimachinery's NewInvalid: one error as is, several as an aggregate "[a, b]".
    String aggregate = lines.size() == 1 ? lines.get(0) : "[" + String.join(", ", lines) + "]";
    ObjectNode details = JSON.createObjectNode().put("name", name).put("group", "batch").put("kind", "Job");
    ArrayNode causes = details.putArray("causes");
    errors.forEach(e -> causes.addObject().put("reason", "FieldValueInvalid").put("message", e.body())
        .put("field", e.field()));
    throw new ApiRefusal(422, "Invalid", "Job.batch \"" + name + "\" is invalid: " + aggregate).withDetails(details);
  }

  /** One field error: its path and what apimachinery's ErrorBody says of it. */
  private record FieldError(String field, String body) {
  }

  /** A field of the spec; absent and null are the same unset value. */
  private static JsonNode valueOf(JsonNode job, String field) {
    JsonNode value = job.path("spec").get(field);
    return value == null || value.isNull() ? null : value;
  }

  /** The new value as Go's %#v prints the internal type, shortened to what tells the change. */
  private static String goValue(String field, JsonNode value) {
    if (value == null) {
      return "null";
    }
    return switch (field) {
      case "selector" -> "v1.LabelSelector{MatchLabels:" + goMap(value.path("matchLabels")) + ", ...}";
      case "template" -> "core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{Labels:"
          + goMap(value.path("metadata").path("labels")) + ", ...}, Spec:core.PodSpec{Containers:[]core.Container{"
          + containers(value.path("spec").path("containers")) + "}, ...}}";
      default -> value.asText();
    };
  }

  private static String containers(JsonNode containers) {
    List<String> each = new ArrayList<>();
    containers.forEach(c -> each.add("core.Container{Name:" + quoted(c.path("name").asText())
        + ", Image:" + quoted(c.path("image").asText()) + ", ...}"));
    return String.join(", ", each);
  }

  private static String goMap(JsonNode map) {
    if (!map.isObject() || map.isEmpty()) {
      return "map[string]string(nil)";
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    return sorted.entrySet().stream().map(e -> quoted(e.getKey()) + ":" + quoted(e.getValue()))
        .collect(Collectors.joining(", ", "map[string]string{", "}"));
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
