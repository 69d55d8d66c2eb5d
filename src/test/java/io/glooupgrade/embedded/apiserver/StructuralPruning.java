package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Behaviour 9: a custom resource written to the API loses every field its CRD's structural schema
 * does not declare, as a real API server prunes it. This is how an older Gloo version "ignores"
 * a field that only a newer CRD knows (for example {@code retryBackOff} before 1.13).
 */
final class StructuralPruning {

  private static final Set<String> ALWAYS_KEPT = Set.of("apiVersion", "kind", "metadata");

  /** Prunes the object in place by the schema of its version in the CRD. */
  void prune(JsonNode crd, String version, ObjectNode object) {
    JsonNode schema = null;
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("name").asText().equals(version)) {
        schema = v.path("schema").path("openAPIV3Schema");
      }
    }
    if (schema == null || schema.isMissingNode()) {
      throw new ApiRefusal(404, "NotFound", "CRD " + crd.path("metadata").path("name").asText()
          + " does not serve version " + version);
    }
    List<String> fields = new ArrayList<>();
    object.fieldNames().forEachRemaining(fields::add);
    for (String field : fields) {
      if (!ALWAYS_KEPT.contains(field)) {
        pruneField(object, field, schema);
      }
    }
  }

  private void pruneField(ObjectNode parent, String field, JsonNode parentSchema) {
    if (parentSchema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
        && !parentSchema.path("properties").has(field)) {
      return;
    }
    JsonNode fieldSchema = parentSchema.path("properties").get(field);
    if (fieldSchema == null) {
      fieldSchema = parentSchema.get("additionalProperties");
      if (fieldSchema != null && fieldSchema.isBoolean()) {
        if (!fieldSchema.asBoolean()) {
          parent.remove(field);
        }
        return;
      }
    }
    if (fieldSchema == null) {
      parent.remove(field);
      return;
    }
    pruneValue(parent.get(field), fieldSchema);
  }

  private void pruneValue(JsonNode value, JsonNode schema) {
    if (value instanceof ObjectNode object) {
      List<String> fields = new ArrayList<>();
      for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
        fields.add(it.next());
      }
      for (String f : fields) {
        pruneField(object, f, schema);
      }
    } else if (value instanceof ArrayNode array && schema.has("items")) {
      array.forEach(item -> pruneValue(item, schema.get("items")));
    }
  }
}
