package io.glooupgrade.gloo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code glooctl check-crds}: the {@code .spec} of every {@code *.solo.io} CRD in the cluster is
 * compared with the same CRD of the chart of the server's version; CRDs the chart does not have
 * are ignored. Only the fields the chart sets are compared, since a real API server adds defaults
 * (for example {@code conversion.strategy: None}) to what it stores.
 */
public final class CrdCheck {

  /** The outcome, with the lines glooctl prints. */
  public record Result(List<String> outdated) {

    public boolean upToDate() {
      return outdated.isEmpty();
    }

    public String output() {
      return upToDate() ? "All CRDs are up to date"
          : "Diffs detected on the following CRDs:\n" + String.join("\n", outdated);
    }
  }

  public Result compare(List<CustomResourceDefinition> cluster, List<CustomResourceDefinition> chart) {
    Map<String, CustomResourceDefinition> chartByName = chart.stream()
        .collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity(), (a, b) -> b));
    List<String> outdated = new ArrayList<>();
    for (CustomResourceDefinition live : cluster) {
      String name = live.getMetadata().getName();
      CustomResourceDefinition expected = chartByName.get(name);
      if (name.endsWith(".solo.io") && expected != null
          && !containsAll(specOf(live), specOf(expected))) {
        outdated.add(name);
      }
    }
    outdated.sort(String::compareTo);
    return new Result(outdated);
  }

  private static JsonNode specOf(CustomResourceDefinition crd) {
    return Serialization.jsonMapper().valueToTree(crd.getSpec());
  }

  /** Whether {@code actual} has every field {@code expected} sets, with the same value. */
  private static boolean containsAll(JsonNode actual, JsonNode expected) {
    if (expected instanceof ObjectNode object) {
      if (!actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isNull()) {
          continue;
        }
        if (field.getKey().equals("openAPIV3Schema")) {
          // A schema must match exactly: a field missing from it is exactly what goes wrong.
          if (!field.getValue().equals(actual.get("openAPIV3Schema"))) {
            return false;
          }
        } else if (!containsAll(actual.path(field.getKey()), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!containsAll(actual.get(i), expected.get(i))) {
          return false;
        }
      }
      return true;
    }
    return expected.equals(actual);
  }
}
