package io.glooupgrade.gloo.glooctl;

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
 *
 * <p>A {@code *.solo.io} CRD of the chart that the cluster lacks is a failure too, listed apart
 * from the outdated ones: a CRD that never reached the cluster is the worst kind of outdated.
 * GLOO_FACTS.md gives glooctl's lines for differing CRDs only, not its wording for missing ones,
 * so the "missing" lines are the harness's own.
 */
public final class CrdCheck {

  /**
   * The outcome: CRDs whose spec differs from the chart's, chart CRDs the cluster lacks, and the
   * glooctl command that compares the same chart (what a reviewer replays).
   */
  public record Result(List<String> outdated, List<String> missing, String command) {

    public Result {
      outdated = List.copyOf(outdated);
      missing = List.copyOf(missing);
    }

    public boolean upToDate() {
      return outdated.isEmpty() && missing.isEmpty();
    }

    /** glooctl's lines for differing CRDs, then the harness's own for missing ones. */
    public String output() {
      if (upToDate()) {
        return "All CRDs are up to date";
      }
      List<String> parts = new ArrayList<>();
      if (!outdated.isEmpty()) {
        parts.add("Diffs detected on the following CRDs:\n" + String.join("\n", outdated));
      }
      if (!missing.isEmpty()) {
        parts.add("CRDs of the chart missing from the cluster:\n" + String.join("\n", missing));
      }
      return String.join("\n", parts);
    }
  }

  public Result compare(String command, List<CustomResourceDefinition> cluster,
      List<CustomResourceDefinition> chart) {
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
    java.util.Set<String> inCluster = cluster.stream().map(c -> c.getMetadata().getName())
        .collect(Collectors.toSet());
    List<String> missing = chartByName.keySet().stream()
        .filter(name -> name.endsWith(".solo.io") && !inCluster.contains(name)).sorted().toList();
    return new Result(outdated, missing, command);
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
