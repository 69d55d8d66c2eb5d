package io.glooupgrade.kube;

import io.glooupgrade.config.LicenceKey;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.lifecycle.RunTimings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clusters a scenario runs against and where their Helm charts come from. Everything the
 * harness does goes through this: a kubeconfig context, Helm repository URLs and HTTP.
 *
 * <p>A target has one cluster, or for Federation one per role (management, remote1, remote2),
 * the first being the default. It also carries the Enterprise licence key, if one is configured.
 */
public final class Target implements AutoCloseable {

  private final String kind;
  private final Map<String, KubeContext> clusters;
  private final Optional<LicenceKey> licence;
  private final Map<String, String> helmRepositories;
  private final List<AutoCloseable> resources;
  private final String kubernetesVersion;
  private final java.util.function.Supplier<Optional<String>> notExercised;

  Target(String kind, Map<String, KubeContext> clusters, Map<String, String> helmRepositories,
      List<AutoCloseable> resources, Optional<LicenceKey> licence) {
    this(kind, clusters, helmRepositories, resources, "unknown", licence, Optional::empty);
  }

  /** The same target, saying what of the product its clusters did not exercise (see {@link #notExercised()}). */
  Target notExercising(java.util.function.Supplier<Optional<String>> what) {
    return new Target(kind, clusters, helmRepositories, resources, kubernetesVersion, licence, what);
  }

  /**
   * What the clusters ran without exercising it, for the report (a simulated cluster's images it
   * does not model), or empty: a real cluster runs everything it is given.
   */
  public Optional<String> notExercised() {
    return notExercised.get();
  }

  /**
   * A target built by hand, for self-tests that start an embedded cluster with faults switched on;
   * the suite itself always goes through {@link TargetResolver}.
   */
  public static Target of(String kind, KubeContext cluster, Map<String, String> helmRepositories,
      List<AutoCloseable> resources) {
    return new Target(kind, Map.of(cluster.name(), cluster), helmRepositories, resources, Optional.empty());
  }

  private Target(String kind, Map<String, KubeContext> clusters, Map<String, String> helmRepositories,
      List<AutoCloseable> resources, String kubernetesVersion, Optional<LicenceKey> licence,
      java.util.function.Supplier<Optional<String>> notExercised) {
    if (clusters.isEmpty()) {
      throw new IllegalArgumentException("a target has at least one cluster");
    }
    this.kind = kind;
    this.clusters = new LinkedHashMap<>(clusters);
    this.licence = licence;
    this.helmRepositories = Map.copyOf(helmRepositories);
    this.resources = new ArrayList<>(resources);
    this.kubernetesVersion = kubernetesVersion;
    this.notExercised = notExercised;
  }

  /** The same target, with the Kubernetes version its API reported when it was reached. */
  Target reachedAt(String version) {
    return new Target(kind, clusters, helmRepositories, resources, version, licence, notExercised);
  }

  /** The Kubernetes version the cluster's API reports (for example v1.31.4). */
  public String kubernetesVersion() {
    return kubernetesVersion;
  }

  /** embedded, kubeconfig or k3s: for evidence only; nothing may branch on it. */
  public String kind() {
    return kind;
  }

  /** The default cluster: the only one, or the first role (Federation's management cluster). */
  public KubeContext cluster() {
    return clusters.values().iterator().next();
  }

  /** The cluster of a role (management, remote1, remote2). */
  public KubeContext cluster(String role) {
    KubeContext context = clusters.get(role);
    if (context == null) {
      throw new IllegalArgumentException("this target has no cluster '" + role + "'; it has " + clusters.keySet());
    }
    return context;
  }

  /** Every cluster's role, default first. */
  public List<String> clusterRoles() {
    return List.copyOf(clusters.keySet());
  }

  /**
   * The API servers of this target's clusters that do not answer GET /version now (one bounded
   * probe each, no retries), each with why: a target that went away during a scenario.
   */
  public java.util.Map<String, String> unansweredApiServers() {
    java.util.Map<String, KubeContext> byServer = new java.util.LinkedHashMap<>();
    clusterRoles().forEach(role -> byServer.putIfAbsent(cluster(role).apiServer(), cluster(role)));
    java.util.Map<String, String> unanswered = new java.util.LinkedHashMap<>();
    ApiServerProbe.unanswered(byServer).forEach((server, why) -> unanswered.put(server, why.reason()));
    return unanswered;
  }

  /** The Enterprise licence key (the environment variable LICENSE_KEY, or one the embedded world issues). */
  public Optional<LicenceKey> licenceKey() {
    return licence;
  }

  /** The URL of a Helm repository by its documented alias (gloo, glooe, gloo-fed). */
  public String helmRepository(String alias) {
    String url = helmRepositories.get(alias);
    if (url == null) {
      throw new IllegalArgumentException("no Helm repository '" + alias + "' is configured; known: "
          + helmRepositories.keySet());
    }
    return url;
  }

  @Override
  public void close() {
    // Stopping what the target started (an embedded world, a k3s container) counts as the world's time.
    HarnessRun.current().timings().time(RunTimings.Part.WORLD, () -> {
      closeResources();
      return null;
    });
  }

  private void closeResources() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(Target.class).warn("closing {} failed", resources.get(i), e);
      }
    }
  }
}
