package io.glooupgrade.config;

import java.nio.file.Path;
import io.glooupgrade.gloo.Edition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a run is about: the target, the versions (the docs' current version and $NEW_VERSION),
 * the Helm repository. Each setting is read from a system property, else the environment
 * variable of the same name in upper case with dots and dashes as underscores
 * (harness.new.version -> HARNESS_NEW_VERSION), else the release profile, else its default.
 * Invalid settings fail before any cluster call, all problems in one message.
 *
 * <p>Versions are per edition, since Enterprise and Federation number their releases apart from
 * OSS: {@code harness.current.version}/{@code harness.new.version} (OSS),
 * {@code harness.enterprise.*} and {@code harness.federation.*}, each with an optional
 * {@code rollback.version} (default: the current version). Federation's defaults are the
 * canary guide's own example, 1.12 to 1.13, the pair its retryBackOff example is about.
 *
 * <p>{@code harness.plan=true} changes nothing on the target: see {@code kube/TargetResolver}.
 *
 * <p>{@code harness.glooctl=/path/to/glooctl} (HARNESS_GLOOCTL): the glooctl binary the documented
 * glooctl commands run; without it the harness runs its own equivalents and labels them so.
 */
public record HarnessSettings(String target, String currentVersion, String newVersion, Path kubeconfig,
    String context, String kubernetesVersion, String glooRepositoryUrl, String glooeRepositoryUrl,
    String glooFedRepositoryUrl, Map<Edition, UpgradeVersions> editionVersions, Map<String, String> clusterContexts,
    Set<String> allowContexts, boolean plan, Optional<Path> valuesFile, Set<String> configuredRepositories,
    Optional<Path> glooctl) {

  /** The settings that name a cluster of one's own: they mean nothing to a cluster the harness starts. */
  private static final List<String> OWN_CLUSTER_SETTINGS = List.of("harness.kubeconfig", "harness.context",
      "harness.context.management", "harness.context.remote1", "harness.context.remote2", "harness.allowContexts");

  public static final String PUBLIC_GLOO_REPOSITORY = "https://storage.googleapis.com/solo-public-helm";
  public static final String PUBLIC_GLOOE_REPOSITORY = "https://storage.googleapis.com/gloo-ee-helm";
  public static final String PUBLIC_GLOO_FED_REPOSITORY = "https://storage.googleapis.com/gloo-fed-helm";
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
  private static final List<String> TARGETS = List.of("embedded", "kubeconfig", "k3s");
  /** The clusters of the Federation guide: a management cluster and two remotes. */
  public static final List<String> FEDERATION_CLUSTERS = List.of("management", "remote1", "remote2");

  /**
   * The settings of this run: a system property, else the environment variable, else the release
   * profile named by harness.profile (a YAML file of the same keys), else the default
   * ({@link SettingSources}).
   */
  public static HarnessSettings fromEnvironment() {
    return from(key -> SettingSources.valueOf(key).orElse(null));
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
    Map<Edition, UpgradeVersions> editions = new EnumMap<>(Edition.class);
    editions.put(Edition.OSS, new UpgradeVersions(current, next,
        stripV(orDefault(read.apply("harness.rollback.version"), current))));
    editions.put(Edition.ENTERPRISE, versions(read, "harness.enterprise.", "1.18.14", "1.19.9"));
    editions.put(Edition.FEDERATION, versions(read, "harness.federation.", "1.12.55", "1.13.30"));
    Map<String, String> contexts = new LinkedHashMap<>();
    for (String role : FEDERATION_CLUSTERS) {
      contexts.put(role, orDefault(read.apply("harness.context." + role), role));
    }
    HarnessSettings settings = new HarnessSettings(target, current, next, Path.of(kubeconfig),
        read.apply("harness.context"), orDefault(read.apply("harness.kubernetes.version"), "1.31.4"),
        orDefault(read.apply("harness.gloo.repository"), PUBLIC_GLOO_REPOSITORY),
        orDefault(read.apply("harness.glooe.repository"), PUBLIC_GLOOE_REPOSITORY),
        orDefault(read.apply("harness.gloo-fed.repository"), PUBLIC_GLOO_FED_REPOSITORY), Map.copyOf(editions),
        Map.copyOf(contexts), allowList(read.apply("harness.allowContexts")),
        "true".equalsIgnoreCase(read.apply("harness.plan")),
        Optional.ofNullable(read.apply("harness.values.file")).filter(v -> !v.isBlank()).map(Path::of),
        configuredRepositories(read),
        Optional.ofNullable(read.apply("harness.glooctl")).filter(v -> !v.isBlank()).map(Path::of));
    settings.validate(read);
    return settings;
  }

  /** The versions of an edition's procedures. */
  public UpgradeVersions versionsOf(Edition edition) {
    return editionVersions.get(edition);
  }

  /** The kubeconfig context of a Federation cluster role (management, remote1, remote2); by default the role's name. */
  public String contextOf(String clusterRole) {
    String context = clusterContexts.get(clusterRole);
    if (context == null) {
      throw new IllegalArgumentException("no cluster role '" + clusterRole + "'; known: " + clusterContexts.keySet());
    }
    return context;
  }

  // harness.allowContexts: the kubeconfig contexts the harness may change, comma-separated.
  private static Set<String> allowList(String value) {
    if (value == null) {
      return Set.of();
    }
    return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(c -> !c.isEmpty())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private static UpgradeVersions versions(Function<String, String> read, String prefix, String current,
      String next) {
    String from = stripV(orDefault(read.apply(prefix + "current.version"), current));
    return new UpgradeVersions(from, stripV(orDefault(read.apply(prefix + "new.version"), next)),
        stripV(orDefault(read.apply(prefix + "rollback.version"), from)));
  }

  // The aliases whose repository the run names itself (an offline mirror, say), rather than the default.
  private static Set<String> configuredRepositories(Function<String, String> read) {
    Set<String> aliases = new java.util.TreeSet<>();
    for (String alias : List.of("gloo", "glooe", "gloo-fed")) {
      String value = read.apply("harness." + alias + ".repository");
      if (value != null && !value.isBlank()) {
        aliases.add(alias);
      }
    }
    return Set.copyOf(aliases);
  }

  /**
   * The Helm repositories the run names itself, by alias: on the embedded target they replace the
   * embedded world's, whose clusters then run the charts they serve.
   */
  public Map<String, String> configuredHelmRepositories() {
    Map<String, String> configured = new java.util.TreeMap<>();
    configuredRepositories.forEach(alias -> configured.put(alias, helmRepositories().get(alias)));
    return Map.copyOf(configured);
  }

  /** The Helm repositories by the aliases the guides use. */
  public java.util.Map<String, String> helmRepositories() {
    return java.util.Map.of("gloo", glooRepositoryUrl, "glooe", glooeRepositoryUrl, "gloo-fed", glooFedRepositoryUrl);
  }

  private void validate(Function<String, String> read) {
    List<String> problems = new ArrayList<>();
    String planSetting = read.apply("harness.plan");
    if (planSetting != null && !planSetting.matches("(?i)true|false")) {
      problems.add("harness.plan is '" + planSetting + "'; expected true or false");
    }
    valuesFile.filter(file -> !java.nio.file.Files.isReadable(file)).ifPresent(file ->
        problems.add("harness.values.file " + file + " does not exist or cannot be read"));
    glooctl.filter(file -> !java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isExecutable(file))
        .ifPresent(file -> problems.add("harness.glooctl " + file + " is not an executable file"));
    if (!TARGETS.contains(target)) {
      problems.add("harness.target is '" + target + "'; expected one of " + TARGETS);
    }
    // Edition by edition, in a stable order; a rollback version that defaults to the current one
    // is not reported twice.
    for (Edition edition : Edition.values()) {
      UpgradeVersions v = editionVersions.get(edition);
      String prefix = edition.settingPrefix();
      checkVersion(problems, prefix + "current.version", v.current(), "1.18.41", UpgradeVersions.INSTALLED,
          UpgradeVersions.PREVIOUS_MINOR);
      checkVersion(problems, prefix + "new.version", v.next(), "1.19.20", UpgradeVersions.LATEST);
      if (!v.rollback().equals(v.current())) {
        checkVersion(problems, prefix + "rollback.version", v.rollback(), "1.18.41");
      }
    }
    if (!target.equals("kubeconfig")) {
      for (String key : OWN_CLUSTER_SETTINGS) {
        if (read.apply(key) != null && !read.apply(key).isBlank()) {
          problems.add(key + " is set, but harness.target=" + target + " starts its own clusters: unset it, or use "
              + "harness.target=kubeconfig to run against the clusters it names");
        }
      }
    }
    if (!VERSION.matcher(kubernetesVersion).matches()) {
      problems.add("harness.kubernetes.version '" + kubernetesVersion + "' is not a version like 1.31.4");
    }
    problems.addAll(io.glooupgrade.kube.WaitTimeout.problemsIn(read));
    problems.addAll(io.glooupgrade.kube.ApiRetryPolicy.problemsIn(read));
    io.glooupgrade.lifecycle.ScenarioParallelism.PARALLELISM.problemIn(read).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
  }

  private static void checkVersion(List<String> problems, String key, String value, String example,
      String... words) {
    if (!VERSION.matcher(value).matches() && !List.of(words).contains(value)) {
      problems.add(key + " '" + value + "' is not a version like " + example
          + (words.length == 0 ? "" : ", nor one of " + List.of(words)));
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String stripV(String version) {
    return version.startsWith("v") ? version.substring(1) : version;
  }
}
