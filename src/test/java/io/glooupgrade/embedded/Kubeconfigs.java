package io.glooupgrade.embedded;

import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import io.glooupgrade.kube.KubeconfigYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kubeconfig an embedded cluster hands out: plain HTTP on loopback, the administrator's token. */
final class Kubeconfigs {

  private Kubeconfigs() {
  }

  static Path write(Path directory, String context, String serverUrl) {
    String yaml = KubeconfigYaml.of(context, serverUrl, EmbeddedApiServer.ADMIN_TOKEN);
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
