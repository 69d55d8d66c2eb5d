package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Behaviour 6: the strategic merge patch Helm sends for built-in kinds, which fabric8's CRUD mode
 * refuses. Lists merge by the merge key of their field (as the Go structs' patchMergeKey tags say),
 * and the directives {@code $patch}, {@code $setElementOrder}, {@code $deleteFromPrimitiveList}
 * and {@code $retainKeys} are honoured. Hand-written: no Java library implements this patch type.
 */
final class StrategicMergePatch {

  /** patchMergeKey of the list fields the Gloo charts use; a list not named here is replaced. */
  private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
      Map.entry("containers", "name"), Map.entry("initContainers", "name"),
      Map.entry("ephemeralContainers", "name"), Map.entry("volumes", "name"), Map.entry("env", "name"),
      Map.entry("imagePullSecrets", "name"), Map.entry("volumeMounts", "mountPath"),
      Map.entry("volumeDevices", "devicePath"), Map.entry("conditions", "type"),
      Map.entry("ownerReferences", "uid"), Map.entry("hostAliases", "ip"),
      Map.entry("topologySpreadConstraints", "topologyKey"), Map.entry("webhooks", "name"));
  /** Primitive lists whose patch strategy is merge (a union), not replace. */
  private static final Set<String> MERGED_PRIMITIVE_LISTS = Set.of("finalizers");
  private static final String PATCH = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String ORDER = "$setElementOrder/";
  private static final String DELETE_PRIMITIVES = "$deleteFromPrimitiveList/";

  JsonNode apply(JsonNode original, JsonNode patch) {
    if (!original.isObject() || !patch.isObject()) {
      throw new ApiRefusal(400, "BadRequest", "a strategic merge patch must be a JSON object");
    }
    return mergeObject((ObjectNode) original.deepCopy(), (ObjectNode) patch);
  }

  private JsonNode mergeObject(ObjectNode target, ObjectNode patch) {
    String directive = patch.path(PATCH).asText("");
    if (directive.equals("replace")) {
      ObjectNode replaced = patch.deepCopy();
      replaced.remove(PATCH);
      return replaced;
    }
    if (directive.equals("delete")) {
      return null;
    }
    if (!directive.isEmpty()) {
      throw new ApiRefusal(400, "BadRequest", "unknown strategic merge directive $patch: " + directive);
    }
    Map<String, JsonNode> orders = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equals(RETAIN_KEYS)) {
        continue;
      } else if (key.startsWith(ORDER)) {
        orders.put(key.substring(ORDER.length()), value);
      } else if (key.startsWith(DELETE_PRIMITIVES)) {
        String field = key.substring(DELETE_PRIMITIVES.length());
        if (target.get(field) instanceof ArrayNode list) {
          target.set(field, withoutValues(list, value));
        }
      } else if (value.isNull()) {
        target.remove(key);
      } else if (value.isObject() && target.get(key) instanceof ObjectNode existing) {
        JsonNode merged = mergeObject(existing, (ObjectNode) value);
        if (merged == null) {
          target.remove(key);
        } else {
          target.set(key, merged);
        }
      } else if (value.isArray() && target.get(key) instanceof ArrayNode existing) {
        target.set(key, mergeList(key, existing, (ArrayNode) value));
      } else if (value.isObject()) {
        JsonNode created = mergeObject(JsonNodeFactory.instance.objectNode(), (ObjectNode) value);
        if (created != null) {
          target.set(key, created);
        }
      } else if (value.isArray()) {
        target.set(key, mergeList(key, JsonNodeFactory.instance.arrayNode(), (ArrayNode) value));
      } else {
        target.set(key, value.deepCopy());
      }
    }
    orders.forEach((field, order) -> {
      if (target.get(field) instanceof ArrayNode list) {
        target.set(field, ordered(field, list, (ArrayNode) order));
      }
    });
    if (patch.get(RETAIN_KEYS) instanceof ArrayNode retain) {
      List<String> keep = new ArrayList<>();
      retain.forEach(k -> keep.add(k.asText()));
      target.retain(keep);
    }
    return target;
  }

  private ArrayNode mergeList(String field, ArrayNode target, ArrayNode patch) {
    for (JsonNode element : patch) {
      if (element.isObject() && "replace".equals(element.path(PATCH).asText())) {
        ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
        patch.forEach(e -> {
          if (!e.has(PATCH)) {
            replaced.add(e.deepCopy());
          }
        });
        return replaced;
      }
    }
    String mergeKey = mergeKey(field, patch, target);
    if (mergeKey == null) {
      if (MERGED_PRIMITIVE_LISTS.contains(field)) {
        ArrayNode union = target.deepCopy();
        patch.forEach(v -> {
          if (!contains(union, v)) {
            union.add(v.deepCopy());
          }
        });
        return union;
      }
      return patch.deepCopy();
    }
    ArrayNode result = target.deepCopy();
    for (JsonNode element : patch) {
      JsonNode key = element.get(mergeKey);
      int index = indexOf(result, mergeKey, key);
      boolean delete = "delete".equals(element.path(PATCH).asText());
      if (index >= 0 && delete) {
        result.remove(index);
      } else if (index >= 0) {
        result.set(index, mergeObject((ObjectNode) result.get(index), (ObjectNode) element));
      } else if (!delete) {
        ObjectNode added = element.deepCopy();
        added.remove(PATCH);
        result.add(added);
      }
    }
    return result;
  }

  private static String mergeKey(String field, ArrayNode patch, ArrayNode target) {
    if (field.equals("ports")) {
      // Container ports merge by containerPort, Service ports by port.
      JsonNode sample = patch.isEmpty() ? target.path(0) : patch.get(0);
      return sample.has("containerPort") ? "containerPort" : "port";
    }
    return MERGE_KEYS.get(field);
  }

  /** $setElementOrder: elements named in the order come first, in that order; the rest keep theirs. */
  private ArrayNode ordered(String field, ArrayNode list, ArrayNode order) {
    String mergeKey = mergeKey(field, order, list);
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    List<JsonNode> rest = new ArrayList<>();
    list.forEach(rest::add);
    for (JsonNode wanted : order) {
      for (Iterator<JsonNode> it = rest.iterator(); it.hasNext();) {
        JsonNode element = it.next();
        boolean same = mergeKey == null ? element.equals(wanted) : element.path(mergeKey).equals(wanted.path(mergeKey));
        if (same) {
          result.add(element);
          it.remove();
          break;
        }
      }
    }
    rest.forEach(result::add);
    return result;
  }

  private static ArrayNode withoutValues(ArrayNode list, JsonNode values) {
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    list.forEach(v -> {
      if (!contains(values, v)) {
        result.add(v);
      }
    });
    return result;
  }

  private static boolean contains(JsonNode array, JsonNode value) {
    for (JsonNode v : array) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(ArrayNode list, String mergeKey, JsonNode key) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).path(mergeKey).equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
