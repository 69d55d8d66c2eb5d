package io.glooupgrade.embedded;

import io.glooupgrade.embedded.catalog.EmbeddedHelmRepository;
import io.glooupgrade.embedded.catalog.GlooHelmRepository;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.faults.FaultyCharts;
import io.glooupgrade.embedded.twin.ProxyStartup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the embedded target offers the harness: a cluster, reached through a kubeconfig
 * like any other, and the Helm repositories (gloo, glooe, gloo-fed) serving the fixture charts over HTTP in
 * place of the public ones.
 */
public final class EmbeddedWorld implements AutoCloseable {

  private static final String CONTEXT = "embedded";

  // The JDK's server writes headers and body in separate packets; with Nagle's algorithm on, a
  // keep-alive client then waits ~40 ms for each delayed ACK, which would cap a real client at
  // ~25 requests/s per connection. Envoy sets TCP_NODELAY; so does every listener of the
  // embedded world. Read once, when the JDK's server configuration loads: before the first one,
  // which is why the build also sets it when the JVM starts (a test may open a server first).
  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Map<String, EmbeddedCluster> clusters;
  private final Map<String, Path> kubeconfigs = new LinkedHashMap<>();
  private final Map<GlooHelmRepository, EmbeddedHelmRepository> repositories;
  private final Path directory;
  private final String licenceKey = "embedded-trial-" + java.util.UUID.randomUUID();

  private EmbeddedWorld(Map<String, EmbeddedCluster> clusters,
      Map<GlooHelmRepository, EmbeddedHelmRepository> repositories, Path directory) {
    this.clusters = clusters;
    this.repositories = repositories;
    this.directory = directory;
    clusters.forEach((name, cluster) -> kubeconfigs.put(name, Kubeconfigs.write(directory, name, cluster.url())));
  }

  public static EmbeddedWorld start(String kubernetesVersion) {
    return start(kubernetesVersion, List.of(CONTEXT));
  }

  /**
   * A world with one cluster per name (Federation: management, remote1, remote2), with the faults
   * a self-test switched on in {@link SelfTestFaults}, if any.
   */
  public static EmbeddedWorld start(String kubernetesVersion, List<String> clusterNames) {
    return start(kubernetesVersion, ProxyStartup.after(EmbeddedCluster.PROXY_STARTUP), SelfTestFaults.current(),
        clusterNames);
  }

  /**
   * A world for self-tests: new gateway proxies start when {@code startup} says (a gate holds
   * them), and the given faults are switched on.
   */
  public static EmbeddedWorld start(String kubernetesVersion, ProxyStartup startup, Faults faults) {
    return start(kubernetesVersion, startup, faults, List.of(CONTEXT));
  }

  /**
   * A world of several clusters (Federation: a management cluster and remotes), each with its own
   * API and kubeconfig context, sharing the Helm repositories.
   */
  public static EmbeddedWorld start(String kubernetesVersion, ProxyStartup startup, Faults faults,
      List<String> clusterNames) {
    try {
      Path directory = Files.createTempDirectory("embedded-world-");
      Map<GlooHelmRepository, EmbeddedHelmRepository> repositories = new EnumMap<>(GlooHelmRepository.class);
      for (GlooHelmRepository repository : GlooHelmRepository.values()) {
        repositories.put(repository, switch (repository) {
          case OSS -> FaultyCharts.ossRepository(faults, directory);
          case ENTERPRISE -> FaultyCharts.enterpriseRepository(faults, directory);
          case FEDERATION -> FaultyCharts.federationRepository(faults, directory);
        });
      }
      Map<String, EmbeddedCluster> clusters = new LinkedHashMap<>();
      for (String name : clusterNames) {
        clusters.put(name, EmbeddedCluster.start(name, kubernetesVersion, startup, faults));
      }
      return new EmbeddedWorld(clusters, repositories, directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first cluster's context: the only one of a single-cluster world. */
  public String contextName() {
    return clusters.keySet().iterator().next();
  }

  public Path kubeconfig() {
    return kubeconfigs.get(contextName());
  }

  /** Each cluster's kubeconfig (whose current context is that cluster), by context name. */
  public Map<String, Path> kubeconfigs() {
    return Map.copyOf(kubeconfigs);
  }

  /** The URL of each Helm repository by its documented alias: gloo, glooe, gloo-fed. */
  public Map<String, String> helmRepositoryUrls() {
    Map<String, String> urls = new LinkedHashMap<>();
    repositories.forEach((repository, server) -> urls.put(repository.alias(), server.url()));
    return urls;
  }

  /**
   * A trial licence key for Enterprise and Federation, as a customer would have one: the twin
   * accepts any non-empty key (unless a fault expires licences).
   */
  public String licenceKey() {
    return licenceKey;
  }

  /**
   * What the embedded world did not exercise, for the scenario's report: the images its clusters
   * ran without a model of what they do, or empty when there were none.
   */
  public java.util.Optional<String> unmodelledImages() {
    java.util.SortedSet<String> images = new java.util.TreeSet<>();
    clusters.values().forEach(c -> images.addAll(c.unmodelledImages()));
    return images.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join("\n", images));
  }

  public EmbeddedCluster cluster() {
    return clusters.get(contextName());
  }

  @Override
  public void close() {
    SelfTestFaults.closing(this);
    clusters.values().forEach(EmbeddedCluster::close);
    repositories.values().forEach(EmbeddedHelmRepository::close);
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
