package io.glooupgrade.embedded;

import io.glooupgrade.kube.KubeconfigYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kubeconfig an embedded cluster hands out: plain HTTP on loopback, a placeholder token. */
final class Kubeconfigs {

  private Kubeconfigs() {
  }

  static Path write(Path directory, String context, String serverUrl) {
    String yaml = KubeconfigYaml.of(context, serverUrl, "embedded-cluster-has-no-authentication");
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve("kubeconfig-" + context + ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
