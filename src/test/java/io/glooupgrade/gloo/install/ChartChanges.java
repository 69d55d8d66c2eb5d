package io.glooupgrade.gloo.install;

import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.HelmValues;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.helm.HelmService;
import io.glooupgrade.helm.PulledChart;
import io.glooupgrade.helm.SemanticVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Step 2 of the Upgrade Steps guide, computed from the two charts rather than read from release
 * notes: which CRDs of the edition's CRD folder are new, removed or changed, and which Helm values
 * are new, removed, deprecated or have a new default (Enterprise: the OSS values under
 * {@code gloo.}). Step 4 acts on it: removed CRDs are deleted, values in use that the new chart
 * removed are reported.
 */
public final class ChartChanges {

  /** A default that differs between the two charts. */
  public record ValueChange(String path, Object before, Object after) {
  }

  private final Edition edition;
  private final String from;
  private final String to;
  private final List<String> newCrds = new ArrayList<>();
  private final List<String> removedCrds = new ArrayList<>();
  private final List<String> changedCrds = new ArrayList<>();
  private final List<String> unchangedCrds = new ArrayList<>();
  private final List<String> newValues = new ArrayList<>();
  private final List<String> removedValues = new ArrayList<>();
  private final List<String> deprecatedValues = new ArrayList<>();
  private final List<String> stillDeprecatedValues = new ArrayList<>();
  private final List<ValueChange> changedDefaults = new ArrayList<>();
  private final Map<String, Object> beforeValues = new TreeMap<>();
  private final Map<String, Object> afterValues = new TreeMap<>();
  private int versionBumps;

  private ChartChanges(Edition edition, String from, String to) {
    this.edition = edition;
    this.from = from;
    this.to = to;
  }

  /**
   * {@code helm pull} of both charts and {@code helm show values} of each, then the comparison,
   * attached as a table for the reviewer.
   */
  public static ChartChanges review(HelmService helm, Edition edition, String from, String to) {
    PulledChart before = PulledChart.read(helm.pull(edition.repository(), edition.chart(), from));
    PulledChart after = PulledChart.read(helm.pull(edition.repository(), edition.chart(), to));
    Evidence.text("helm show values " + edition.chartReference() + " " + from,
        helm.showValues(edition.repository(), edition.chart(), from));
    Evidence.text("helm show values " + edition.chartReference() + " " + to,
        helm.showValues(edition.repository(), edition.chart(), to));
    ChartChanges changes = between(edition, from, before, to, after);
    Evidence.text("changes from " + from + " to " + to + " (CRDs and Helm values)", changes.table());
    return changes;
  }

  /** The comparison of two pulled charts of an edition. */
  public static ChartChanges between(Edition edition, String from, PulledChart before, String to, PulledChart after) {
    ChartChanges changes = new ChartChanges(edition, from, to);
    changes.compareCrds(CustomResourceDefinitions.inChart(edition, before),
        CustomResourceDefinitions.inChart(edition, after));
    changes.compareValues(HelmValues.defaultsOf(before, edition.chart()), HelmValues.defaultsOf(after, edition.chart()));
    return changes;
  }

  public List<String> newCrds() {
    return List.copyOf(newCrds);
  }

  /** CRDs of the current chart that the new chart no longer has. */
  public List<String> removedCrds() {
    return List.copyOf(removedCrds);
  }

  public List<String> changedCrds() {
    return List.copyOf(changedCrds);
  }

  public List<String> newValues() {
    return List.copyOf(newValues);
  }

  /** Values of the current chart's defaults that the new chart no longer has. */
  public List<String> removedValues() {
    return List.copyOf(removedValues);
  }

  /** Values the new chart marks deprecated (newly or still). */
  public List<String> deprecatedValues() {
    List<String> all = new ArrayList<>(deprecatedValues);
    all.addAll(stillDeprecatedValues);
    return all;
  }

  public List<ValueChange> changedDefaults() {
    return List.copyOf(changedDefaults);
  }

  /**
   * The values in use (as {@code helm get values} gives them) that the new chart no longer has:
   * a removed value itself, or anything set beneath it.
   */
  public List<String> removedValuesIn(HelmValues inUse) {
    return inUse.leaves().keySet().stream()
        .filter(path -> removedValues.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + ".")))
        .toList();
  }

  /** The review as the guide's step 2 lists it: CRD changes, then Helm changes. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append("Changes from ").append(edition.chartReference()).append(' ').append(from).append(" to ").append(to)
        .append(" (Upgrade Steps, step 2)\n\n");
    out.append("CRD changes (").append(edition.crdFolder()).append(")\n| change | CRD |\n|---|---|\n");
    rows(out, "new", newCrds);
    rows(out, "removed", removedCrds);
    rows(out, "changed", changedCrds);
    out.append("unchanged: ").append(unchangedCrds.size()).append(unchangedCrds.isEmpty() ? "" : " ("
        + String.join(", ", unchangedCrds) + ")").append("\n\n");
    out.append("Helm changes (defaults of ").append(edition.chartReference()).append(edition == Edition.ENTERPRISE
        ? ", the OSS values under gloo." : "").append(")\n| change | value | ").append(from).append(" | ").append(to)
        .append(" |\n|---|---|---|---|\n");
    newValues.forEach(p -> out.append("| new | ").append(p).append(" |  | ").append(shownAfter(p)).append(" |\n"));
    removedValues.forEach(p -> out.append("| removed | ").append(p).append(" | ").append(shownBefore(p))
        .append(" |  |\n"));
    deprecatedValues.forEach(p -> out.append("| deprecated | ").append(p).append(" |  | ").append(shownAfter(p))
        .append(" |\n"));
    stillDeprecatedValues.forEach(p -> out.append("| still deprecated | ").append(p).append(" | ")
        .append(shownBefore(p)).append(" | ").append(shownAfter(p)).append(" |\n"));
    changedDefaults.forEach(c -> out.append("| default changed | ").append(c.path()).append(" | ")
        .append(HelmValues.show(c.before())).append(" | ").append(HelmValues.show(c.after())).append(" |\n"));
    if (newValues.isEmpty() && removedValues.isEmpty() && deprecatedValues.isEmpty()
        && stillDeprecatedValues.isEmpty() && changedDefaults.isEmpty()) {
      out.append("| none |  |  |  |\n");
    }
    out.append(versionBumps).append(" value(s) only follow the version (image tags)\n");
    return out.toString();
  }

  private String shownBefore(String path) {
    return HelmValues.show(beforeValues.get(path));
  }

  private String shownAfter(String path) {
    return HelmValues.show(afterValues.get(path));
  }

  private static void rows(StringBuilder out, String change, List<String> names) {
    names.forEach(n -> out.append("| ").append(change).append(" | ").append(n).append(" |\n"));
  }

  private void compareCrds(List<CustomResourceDefinition> before, List<CustomResourceDefinition> after) {
    Map<String, CustomResourceDefinition> old = byName(before);
    Map<String, CustomResourceDefinition> updated = byName(after);
    for (String name : new TreeSet<>(updated.keySet())) {
      CustomResourceDefinition was = old.get(name);
      if (was == null) {
        newCrds.add(name);
      } else if (Objects.equals(Serialization.jsonMapper().valueToTree(was.getSpec()),
          Serialization.jsonMapper().valueToTree(updated.get(name).getSpec()))) {
        unchangedCrds.add(name);
      } else {
        changedCrds.add(name);
      }
    }
    old.keySet().stream().filter(n -> !updated.containsKey(n)).sorted().forEach(removedCrds::add);
  }

  private void compareValues(HelmValues before, HelmValues after) {
    beforeValues.putAll(before.leaves());
    afterValues.putAll(after.leaves());
    for (Map.Entry<String, Object> value : after.leaves().entrySet()) {
      String path = value.getKey();
      // A map emptied in the new chart (a leaf now, leaves before) is not new; its old leaves are removed.
      if (!covers(before.leaves(), path)) {
        newValues.add(path);
      } else if (before.leaves().containsKey(path) && !Objects.equals(before.leaves().get(path), value.getValue())) {
        if (looksLikeVersion(before.leaves().get(path)) && looksLikeVersion(value.getValue())) {
          versionBumps++;
        } else {
          changedDefaults.add(new ValueChange(path, before.leaves().get(path), value.getValue()));
        }
      }
      if (after.isDeprecated(path)) {
        (before.isDeprecated(path) ? stillDeprecatedValues : deprecatedValues).add(path);
      }
    }
    before.leaves().keySet().stream().filter(p -> !covers(after.leaves(), p)).forEach(removedValues::add);
  }

  /** Whether the values have this path, as a leaf or as a map with leaves beneath it. */
  private static boolean covers(Map<String, Object> leaves, String path) {
    return leaves.containsKey(path) || leaves.keySet().stream().anyMatch(p -> p.startsWith(path + "."));
  }

  private static boolean looksLikeVersion(Object value) {
    try {
      return value != null && SemanticVersion.parse(String.valueOf(value)) != null;
    } catch (RuntimeException notAVersion) {
      return false;
    }
  }

  private static Map<String, CustomResourceDefinition> byName(List<CustomResourceDefinition> crds) {
    return crds.stream().collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity(), (a, b) -> b,
        TreeMap::new));
  }
}
