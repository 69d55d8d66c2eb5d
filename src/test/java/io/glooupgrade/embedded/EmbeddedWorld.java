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
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the embedded target offers the harness: a cluster, reached through a kubeconfig
 * like any other, and the Helm repositories (gloo, glooe, gloo-fed) serving the fixture charts over HTTP in
 * place of the public ones.
 */
public final class EmbeddedWorld implements AutoCloseable {

  private static final String CONTEXT = "embedded";
  private final EmbeddedCluster cluster;
  private final Map<GlooHelmRepository, EmbeddedHelmRepository> repositories;
  private final Path directory;
  private final Path kubeconfig;

  private EmbeddedWorld(EmbeddedCluster cluster, Map<GlooHelmRepository, EmbeddedHelmRepository> repositories,
      Path directory) {
    this.cluster = cluster;
    this.repositories = repositories;
    this.directory = directory;
    this.kubeconfig = Kubeconfigs.write(directory, CONTEXT, cluster.url());
  }

  public static EmbeddedWorld start(String kubernetesVersion) {
    return start(kubernetesVersion, ProxyStartup.after(EmbeddedCluster.PROXY_STARTUP), Faults.none());
  }

  /**
   * A world for self-tests: new gateway proxies start when {@code startup} says (a gate holds
   * them), and the given faults are switched on.
   */
  public static EmbeddedWorld start(String kubernetesVersion, ProxyStartup startup, Faults faults) {
    try {
      Path directory = Files.createTempDirectory("embedded-world-");
      Map<GlooHelmRepository, EmbeddedHelmRepository> repositories = new EnumMap<>(GlooHelmRepository.class);
      for (GlooHelmRepository repository : GlooHelmRepository.values()) {
        repositories.put(repository, repository == GlooHelmRepository.OSS
            ? FaultyCharts.ossRepository(faults, directory) : EmbeddedHelmRepository.start(repository));
      }
      return new EmbeddedWorld(EmbeddedCluster.start(CONTEXT, kubernetesVersion, startup, faults), repositories,
          directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String contextName() {
    return CONTEXT;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The URL of each Helm repository by its documented alias: gloo, glooe, gloo-fed. */
  public Map<String, String> helmRepositoryUrls() {
    Map<String, String> urls = new LinkedHashMap<>();
    repositories.forEach((repository, server) -> urls.put(repository.alias(), server.url()));
    return urls;
  }

  public EmbeddedCluster cluster() {
    return cluster;
  }

  @Override
  public void close() {
    cluster.close();
    repositories.values().forEach(EmbeddedHelmRepository::close);
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
