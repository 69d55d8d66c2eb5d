package io.glooupgrade.gloo;

import io.glooupgrade.helm.PulledChart;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Helm values as dotted paths to their leaves ({@code global.image.fips -> false}), the way the
 * guides and {@code --set} name them. A chart's defaults include its subcharts' values under the
 * subchart's name, as Helm merges them (Enterprise: the OSS values under {@code gloo.}), with the
 * parent's values winning. A value whose comment says "deprecated" is marked so.
 */
public final class HelmValues {

  // A mapping key at the start of a line, after its indentation: `  fips: false # ...`.
  private static final Pattern KEY_LINE = Pattern.compile("^( *)([A-Za-z0-9_\\-./\"']+):(.*)$");
  private final Map<String, Object> leaves;
  private final Set<String> deprecated;

  private HelmValues(Map<String, Object> leaves, Set<String> deprecated) {
    this.leaves = leaves;
    this.deprecated = deprecated;
  }

  /** Values from one YAML document ({@code helm get values}, a values.yaml); null or empty means none. */
  public static HelmValues parse(String yaml) {
    Map<String, Object> leaves = new TreeMap<>();
    Object root = yaml == null || yaml.isBlank() ? null : new Yaml().load(yaml);
    if (root instanceof Map<?, ?> map) {
      flatten("", map, leaves);
    }
    Set<String> deprecated = new TreeSet<>();
    for (String path : deprecatedPaths(yaml == null ? "" : yaml)) {
      if (leaves.keySet().stream().anyMatch(l -> l.equals(path) || l.startsWith(path + "."))) {
        deprecated.add(path);
      }
    }
    return new HelmValues(leaves, deprecated);
  }

  /**
   * A pulled chart's defaults: {@code CHART/values.yaml}, and each dependency's
   * {@code CHART/charts/NAME/values.yaml} under {@code NAME.} (its alias, if it has one).
   */
  public static HelmValues defaultsOf(PulledChart chart, String chartName) {
    Map<String, Object> leaves = new TreeMap<>();
    Set<String> deprecated = new TreeSet<>();
    Object chartYaml = new Yaml().load(chart.file(chartName + "/Chart.yaml"));
    if (chartYaml instanceof Map<?, ?> meta && meta.get("dependencies") instanceof List<?> dependencies) {
      for (Object d : dependencies) {
        if (d instanceof Map<?, ?> dependency) {
          String name = String.valueOf(dependency.get("name"));
          Object alias = dependency.get("alias");
          HelmValues sub = parse(chart.file(chartName + "/charts/" + name + "/values.yaml"));
          String prefix = (alias == null ? name : alias.toString()) + ".";
          sub.leaves.forEach((path, value) -> leaves.put(prefix + path, value));
          sub.deprecated.forEach(path -> deprecated.add(prefix + path));
        }
      }
    }
    HelmValues own = parse(chart.file(chartName + "/values.yaml"));
    // The parent's value replaces the subchart's whole subtree at that path, as Helm's merge does for leaves.
    own.leaves.forEach((path, value) -> {
      leaves.keySet().removeIf(p -> p.startsWith(path + "."));
      leaves.put(path, value);
    });
    deprecated.addAll(own.deprecated);
    return new HelmValues(leaves, deprecated);
  }

  /** Every leaf, by dotted path, in path order. */
  public Map<String, Object> leaves() {
    return leaves;
  }

  public Set<String> deprecated() {
    return deprecated;
  }

  public boolean isDeprecated(String path) {
    return deprecated.stream().anyMatch(d -> path.equals(d) || path.startsWith(d + "."));
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String path = prefix + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
        flatten(path + ".", child, into);
      } else {
        into.put(path, entry.getValue());
      }
    }
  }

  /**
   * Paths whose key line, or the comment lines right above it, mention "deprecated". A line-based
   * reading of the mapping keys (list items are not followed), enough for a chart's values.yaml.
   */
  private static Set<String> deprecatedPaths(String yaml) {
    Set<String> paths = new TreeSet<>();
    Deque<Map.Entry<Integer, String>> open = new ArrayDeque<>();
    boolean commentSaysDeprecated = false;
    for (String line : yaml.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#")) {
        commentSaysDeprecated |= mentionsDeprecated(trimmed);
        continue;
      }
      Matcher key = KEY_LINE.matcher(line);
      if (!key.matches() || trimmed.startsWith("-")) {
        commentSaysDeprecated = false;
        continue;
      }
      int indent = key.group(1).length();
      while (!open.isEmpty() && open.peek().getKey() >= indent) {
        open.pop();
      }
      String name = key.group(2).replaceAll("^[\"']|[\"']$", "");
      StringBuilder path = new StringBuilder();
      open.descendingIterator().forEachRemaining(e -> path.append(e.getValue()).append('.'));
      path.append(name);
      int comment = key.group(3).indexOf(" #");
      if (commentSaysDeprecated || (comment >= 0 && mentionsDeprecated(key.group(3).substring(comment)))) {
        paths.add(path.toString());
      }
      open.push(Map.entry(indent, name));
      commentSaysDeprecated = false;
    }
    return paths;
  }

  private static boolean mentionsDeprecated(String comment) {
    return comment.toLowerCase(Locale.ROOT).contains("deprecated");
  }

  /** For the evidence: a value as YAML would print it. */
  public static String show(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map<?, ?> m && m.isEmpty()) {
      return "{}";
    }
    return String.valueOf(value);
  }
}
