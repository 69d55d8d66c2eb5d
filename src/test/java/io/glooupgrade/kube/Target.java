package io.glooupgrade.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The clusters a scenario runs against and where their Helm charts come from. Everything the
 * harness does goes through this: a kubeconfig context, Helm repository URLs and HTTP.
 */
public final class Target implements AutoCloseable {

  private final String kind;
  private final KubeContext cluster;
  private final Map<String, String> helmRepositories;
  private final List<AutoCloseable> resources;
  private final String kubernetesVersion;

  Target(String kind, KubeContext cluster, Map<String, String> helmRepositories, List<AutoCloseable> resources) {
    this(kind, cluster, helmRepositories, resources, "unknown");
  }

  /**
   * A target built by hand, for self-tests that start an embedded cluster with faults switched on;
   * the suite itself always goes through {@link TargetResolver}.
   */
  public static Target of(String kind, KubeContext cluster, Map<String, String> helmRepositories,
      List<AutoCloseable> resources) {
    return new Target(kind, cluster, helmRepositories, resources);
  }

  private Target(String kind, KubeContext cluster, Map<String, String> helmRepositories,
      List<AutoCloseable> resources, String kubernetesVersion) {
    this.kind = kind;
    this.cluster = cluster;
    this.helmRepositories = Map.copyOf(helmRepositories);
    this.resources = new ArrayList<>(resources);
    this.kubernetesVersion = kubernetesVersion;
  }

  /** The same target, with the Kubernetes version its API reported when it was reached. */
  Target reachedAt(String version) {
    return new Target(kind, cluster, helmRepositories, resources, version);
  }

  /** The Kubernetes version the cluster's API reports (for example v1.31.4). */
  public String kubernetesVersion() {
    return kubernetesVersion;
  }

  /** embedded, kubeconfig or k3s: for evidence only; nothing may branch on it. */
  public String kind() {
    return kind;
  }

  public KubeContext cluster() {
    return cluster;
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
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(Target.class).warn("closing {} failed", resources.get(i), e);
      }
    }
  }
}
