package io.glooupgrade.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cluster to act on: a kubeconfig context, and a kubeconfig file whose current context is
 * that one (helm-java has no --kube-context flag, so Helm is pointed at this file).
 */
public record KubeContext(String name, Path kubeconfig) {

  /** A fabric8 client for this context. The caller closes it. */
  public KubernetesClient newClient() {
    try {
      String contents = Files.readString(kubeconfig);
      Config config = Config.fromKubeconfig(name, contents, kubeconfig.toString());
      config.setRequestTimeout(15_000);
      config.setConnectionTimeout(5_000);
      config.setRequestRetryBackoffLimit(2);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
  }
}
