package io.glooupgrade.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a run is about: the target, the versions (the docs' current version and $NEW_VERSION),
 * the Helm repository. Each setting is read from a system property, else the environment
 * variable of the same name in upper case with dots as underscores (harness.new.version ->
 * HARNESS_NEW_VERSION), else its default. Invalid settings fail before any cluster call, all
 * problems in one message.
 */
public record HarnessSettings(String target, String currentVersion, String newVersion, Path kubeconfig,
    String context, String kubernetesVersion, String glooRepositoryUrl, String glooeRepositoryUrl,
    String glooFedRepositoryUrl) {

  public static final String PUBLIC_GLOO_REPOSITORY = "https://storage.googleapis.com/solo-public-helm";
  public static final String PUBLIC_GLOOE_REPOSITORY = "https://storage.googleapis.com/gloo-ee-helm";
  public static final String PUBLIC_GLOO_FED_REPOSITORY = "https://storage.googleapis.com/gloo-fed-helm";
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
  private static final List<String> TARGETS = List.of("embedded", "kubeconfig", "k3s");

  public static HarnessSettings fromEnvironment() {
    return from(key -> Optional.ofNullable(System.getProperty(key))
        .or(() -> Optional.ofNullable(System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_'))))
        .filter(v -> !v.isBlank()).orElse(null));
  }

  public static HarnessSettings from(Map<String, String> values) {
    return from(values::get);
  }

  static HarnessSettings from(Function<String, String> source) {
    Function<String, String> read = key -> source.apply(key) == null ? null : source.apply(key).trim();
    String target = orDefault(read.apply("harness.target"), "embedded");
    String current = stripV(orDefault(read.apply("harness.current.version"), "1.18.41"));
    String next = stripV(orDefault(read.apply("harness.new.version"), "1.19.20"));
    String kubeconfig = orDefault(read.apply("harness.kubeconfig"),
        orDefault(source.apply("KUBECONFIG"), System.getProperty("user.home") + "/.kube/config"));
    HarnessSettings settings = new HarnessSettings(target, current, next, Path.of(kubeconfig),
        read.apply("harness.context"), orDefault(read.apply("harness.kubernetes.version"), "1.31.4"),
        orDefault(read.apply("harness.gloo.repository"), PUBLIC_GLOO_REPOSITORY),
        orDefault(read.apply("harness.glooe.repository"), PUBLIC_GLOOE_REPOSITORY),
        orDefault(read.apply("harness.gloo-fed.repository"), PUBLIC_GLOO_FED_REPOSITORY));
    settings.validate();
    return settings;
  }

  /** The Helm repositories by the aliases the guides use. */
  public java.util.Map<String, String> helmRepositories() {
    return java.util.Map.of("gloo", glooRepositoryUrl, "glooe", glooeRepositoryUrl, "gloo-fed", glooFedRepositoryUrl);
  }

  private void validate() {
    List<String> problems = new ArrayList<>();
    if (!TARGETS.contains(target)) {
      problems.add("harness.target is '" + target + "'; expected one of " + TARGETS);
    }
    if (!VERSION.matcher(currentVersion).matches()) {
      problems.add("harness.current.version '" + currentVersion + "' is not a version like 1.18.41");
    }
    if (!VERSION.matcher(newVersion).matches()) {
      problems.add("harness.new.version '" + newVersion + "' is not a version like 1.19.20");
    }
    if (!VERSION.matcher(kubernetesVersion).matches()) {
      problems.add("harness.kubernetes.version '" + kubernetesVersion + "' is not a version like 1.31.4");
    }
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String stripV(String version) {
    return version.startsWith("v") ? version.substring(1) : version;
  }
}
