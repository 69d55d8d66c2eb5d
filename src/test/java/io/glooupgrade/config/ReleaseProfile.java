package io.glooupgrade.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A release profile: a YAML file of settings for one release (versions, contexts, repositories, timeouts),
 * named by harness.profile, read under system properties and environment variables. It never holds
 * the licence key, which comes from the environment variable LICENSE_KEY only. Every problem in it
 * is reported at once, before any cluster is reached.
 */
public final class ReleaseProfile {

  public static final String KEY = "harness.profile";
  static final Set<String> KEYS = keys("harness.target", "harness.current.version", "harness.new.version",
      "harness.rollback.version", "harness.enterprise.current.version", "harness.enterprise.new.version",
      "harness.enterprise.rollback.version", "harness.federation.current.version", "harness.federation.new.version",
      "harness.federation.rollback.version", "harness.kubeconfig", "harness.context", "harness.context.management",
      "harness.context.remote1", "harness.context.remote2", "harness.kubernetes.version", "harness.gloo.repository",
      "harness.glooe.repository", "harness.gloo-fed.repository", "harness.allowContexts", "harness.plan",
      "harness.values.file", "harness.glooctl", "harness.parallelism");

  // The timeouts' and API retries' keys come from where those settings are defined.
  private static Set<String> keys(String... settings) {
    Set<String> keys = new java.util.HashSet<>(List.of(settings));
    java.util.Arrays.stream(io.glooupgrade.kube.WaitTimeout.values()).map(io.glooupgrade.kube.WaitTimeout::key)
        .forEach(keys::add);
    keys.addAll(io.glooupgrade.kube.ApiRetryPolicy.KEYS);
    return Set.copyOf(keys);
  }

  private ReleaseProfile() {
  }

  /** The settings of the file, as flat keys (harness.new.version: 1.19.20). */
  public static Map<String, String> read(Path file) {
    if (!Files.isReadable(file)) {
      throw new InvalidSettingsException(List.of(KEY + " names " + file + ", which does not exist or cannot be read"));
    }
    Object loaded;
    try {
      loaded = new Yaml().load(Files.readString(file));
    } catch (IOException | YAMLException e) {
      throw new InvalidSettingsException(List.of("the release profile " + file + " is not valid YAML: "
          + e.getMessage()));
    }
    if (loaded == null) {
      return Map.of();
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      throw new InvalidSettingsException(List.of("the release profile " + file
          + " must be a map of settings, like 'harness.new.version: 1.19.20'"));
    }
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    map.forEach((key, value) -> {
      String name = String.valueOf(key);
      if (name.toLowerCase(Locale.ROOT).contains("licen")) {
        problems.add("the release profile " + file + " sets '" + name
            + "': the licence key is read from the environment variable LICENSE_KEY only, never from a file");
      } else if (!KEYS.contains(name)) {
        problems.add("the release profile " + file + " sets '" + name + "', which is not a setting; known: "
            + new java.util.TreeSet<>(KEYS));
      } else if (value == null || value instanceof Map || value instanceof List) {
        problems.add("the release profile " + file + " gives '" + name + "' no single value");
      } else {
        settings.put(name, String.valueOf(value));
      }
    });
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    return settings;
  }
}
