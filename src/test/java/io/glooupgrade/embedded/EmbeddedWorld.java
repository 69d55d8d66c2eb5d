package io.glooupgrade.embedded;

import io.glooupgrade.embedded.catalog.EmbeddedHelmRepository;
import io.glooupgrade.embedded.twin.ProxyStartup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Everything the embedded target offers the harness: a cluster, reached through a kubeconfig
 * like any other, and a Helm repository serving the fixture Gloo charts over HTTP in place of the
 * public one.
 */
public final class EmbeddedWorld implements AutoCloseable {

  private static final String CONTEXT = "embedded";
  private final EmbeddedCluster cluster;
  private final EmbeddedHelmRepository repository;
  private final Path directory;
  private final Path kubeconfig;

  private EmbeddedWorld(EmbeddedCluster cluster, EmbeddedHelmRepository repository, Path directory) {
    this.cluster = cluster;
    this.repository = repository;
    this.directory = directory;
    this.kubeconfig = Kubeconfigs.write(directory, CONTEXT, cluster.url());
  }

  public static EmbeddedWorld start(String kubernetesVersion) {
    return start(kubernetesVersion, ProxyStartup.after(EmbeddedCluster.PROXY_STARTUP));
  }

  /** A world whose new gateway proxies start when {@code startup} says (self-tests hold them with a gate). */
  public static EmbeddedWorld start(String kubernetesVersion, ProxyStartup startup) {
    try {
      Path directory = Files.createTempDirectory("embedded-world-");
      EmbeddedHelmRepository repository = EmbeddedHelmRepository.start();
      return new EmbeddedWorld(EmbeddedCluster.start(CONTEXT, kubernetesVersion, startup), repository, directory);
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

  public String glooRepositoryUrl() {
    return repository.url();
  }

  public EmbeddedCluster cluster() {
    return cluster;
  }

  @Override
  public void close() {
    cluster.close();
    repository.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
