package io.glooupgrade.helm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A Helm release to install or upgrade: which chart at which version, where, with which values. */
public record HelmRelease(String name, String namespace, String repository, String chart, String version,
    Optional<Path> values, Map<String, String> sets) {

  public static HelmRelease of(String name, String namespace, String repository, String chart, String version) {
    return new HelmRelease(name, namespace, repository, chart, version, Optional.empty(), Map.of());
  }

  public HelmRelease withValues(Path valuesFile) {
    return new HelmRelease(name, namespace, repository, chart, version, Optional.of(valuesFile), sets);
  }

  public HelmRelease withSet(String key, String value) {
    Map<String, String> all = new LinkedHashMap<>(sets);
    all.put(key, value);
    return new HelmRelease(name, namespace, repository, chart, version, values, Map.copyOf(all));
  }

  String chartReference() {
    return repository + "/" + chart;
  }

  String installCommand() {
    return "helm install " + name + " " + chartReference() + " -n " + namespace + " --create-namespace --version "
        + version + flags();
  }

  String upgradeCommand() {
    return "helm upgrade -n " + namespace + " " + name + " " + chartReference() + " --version=" + version + flags();
  }

  private String flags() {
    return HelmTimeout.flag() + values.map(v -> " -f " + v.getFileName()).orElse("")
        + sets.entrySet().stream().map(e -> " --set " + e.getKey() + "=" + shown(e.getKey(), e.getValue()))
        .collect(Collectors.joining());
  }

  // A licence key or token passed with --set never reaches a command line in the evidence.
  private static String shown(String key, String value) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.contains("license") || k.contains("token") || k.contains("password") ? "********" : value;
  }

  /** As the install command shows it: secrets masked, since a record would print them. */
  @Override
  public String toString() {
    return installCommand();
  }
}
