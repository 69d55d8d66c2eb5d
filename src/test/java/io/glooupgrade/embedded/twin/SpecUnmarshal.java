package io.glooupgrade.embedded.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.glooupgrade.embedded.catalog.GlooCrd;
import io.glooupgrade.embedded.catalog.GlooCrds;
import io.glooupgrade.embedded.catalog.GlooVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Gloo release says when it unmarshals a resource whose spec holds a field its own API does
 * not know (solo-kit parses the spec as protobuf JSON, which refuses unknown fields and stops at the
 * first), worded as Gloo words it, e.g. {@code parsing resource from crd spec default in namespace
 * gloo-system into *v1.VirtualService: unknown field "rateLimitedRetryBackOff" in
 * retries.options.gloo.solo.io.RetryPolicy}. The release's API is its catalog schema
 * ({@link GlooCrds#openApiSchema}); where that schema keeps unknown fields, nothing is reported.
 */
final class SpecUnmarshal {

  private SpecUnmarshal() {
  }

  private record UnknownField(List<String> path, String name) {
  }

  /** The schema of the spec of this release's resource (a webhook keeps those it needed). */
  static JsonNode specSchema(GlooVersion release, GlooCrd crd) {
    return GlooCrds.openApiSchema(release, crd).path("properties").path("spec");
  }

  /** The unmarshal error for the object, if its spec has a field the spec's schema does not know. */
  static Optional<String> error(JsonNode schema, GlooCrd crd, JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return firstUnknown(schema, object.path("spec"), List.of()).map(unknown -> "parsing resource from crd spec "
        + metadata.path("name").asText() + " in namespace " + metadata.path("namespace").asText() + " into *"
        + crd.servedVersion() + "." + crd.kind() + ": unknown field \"" + unknown.name() + "\" in "
        + messageAt(crd, unknown.path()));
  }

  private static Optional<UnknownField> firstUnknown(JsonNode schema, JsonNode value, List<String> path) {
    if (value.isArray() && schema.has("items")) {
      for (JsonNode item : value) {
        Optional<UnknownField> found = firstUnknown(schema.get("items"), item, path);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (!value.isObject() || !"object".equals(schema.path("type").asText())) {
      return Optional.empty();
    }
    boolean keepsUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode fieldSchema = schema.path("properties").get(field.getKey());
      if (fieldSchema == null && schema.path("additionalProperties").isObject()) {
        fieldSchema = schema.get("additionalProperties");
      }
      if (fieldSchema == null && !keepsUnknown) {
        return Optional.of(new UnknownField(path, field.getKey()));
      }
      if (fieldSchema != null) {
        List<String> below = new ArrayList<>(path);
        below.add(field.getKey());
        Optional<UnknownField> found = firstUnknown(fieldSchema, field.getValue(), below);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** The protobuf message at a spec path, as protojson names it in its error. */
  private static String messageAt(GlooCrd crd, List<String> path) {
    String last = path.isEmpty() ? "" : path.get(path.size() - 1);
    return switch (last) {
      case "" -> crd.group() + "." + crd.kind();
      case "retries" -> "retries.options.gloo.solo.io.RetryPolicy";
      case "options" -> path.contains("routes") || crd == GlooCrd.ROUTE_OPTIONS
          ? "gloo.solo.io.RouteOptions" : "gloo.solo.io.VirtualHostOptions";
      case "routes" -> crd.group().equals("gloo.solo.io") ? "gloo.solo.io.Route" : "gateway.solo.io.Route";
      case "virtualHost" -> "gateway.solo.io.VirtualHost";
      case "virtualHosts" -> "gloo.solo.io.VirtualHost";
      case "matchers" -> "matchers.core.gloo.solo.io.Matcher";
      case "listeners" -> "gloo.solo.io.Listener";
      case "httpListener" -> "gloo.solo.io.HttpListener";
      default -> crd.group() + "." + crd.kind() + " (at spec." + String.join(".", path) + ")";
    };
  }
}
