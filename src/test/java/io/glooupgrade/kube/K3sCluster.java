package io.glooupgrade.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A throwaway k3s cluster started by this run (Testcontainers' K3sContainer), for pipelines with a
 * Docker engine: its kubeconfig is written to a private file, and closing stops the container. The
 * run started it, so the safety guard lets scenarios change it.
 */
final class K3sCluster implements AutoCloseable {

  static final String CONTEXT = "default";
  private final K3sContainer container;
  private final Path kubeconfig;

  private K3sCluster(K3sContainer container, Path kubeconfig) {
    this.container = container;
    this.kubeconfig = kubeconfig;
  }

  /** Starts k3s at the Kubernetes version asked for (e.g. 1.31.4 runs rancher/k3s:v1.31.4-k3s1). */
  static K3sCluster start(String kubernetesVersion) {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new TargetUnreachableException("harness.target=k3s starts k3s in Docker through Testcontainers, and "
          + "no Docker engine answers here; use harness.target=embedded, or kubeconfig with a cluster of yours");
    }
    K3sContainer container = new K3sContainer(DockerImageName.parse("rancher/k3s:v" + kubernetesVersion + "-k3s1"));
    container.start();
    try {
      Path file = Files.createTempFile("harness-k3s-", ".yaml",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, container.getKubeConfigYaml());
      return new K3sCluster(container, file);
    } catch (IOException e) {
      container.stop();
      throw new UncheckedIOException("cannot write the k3s kubeconfig", e);
    }
  }

  KubeContext context() {
    return new KubeContext(CONTEXT, kubeconfig);
  }

  @Override
  public void close() throws IOException {
    container.stop();
    Files.deleteIfExists(kubeconfig);
  }
}
