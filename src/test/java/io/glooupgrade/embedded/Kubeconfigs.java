package io.glooupgrade.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kubeconfig an embedded cluster hands out: plain HTTP on loopback, a placeholder token. */
final class Kubeconfigs {

  private Kubeconfigs() {
  }

  static Path write(Path directory, String context, String serverUrl) {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s-user
            namespace: default
        current-context: %1$s
        users:
        - name: %1$s-user
          user:
            token: embedded-cluster-has-no-authentication
        """.formatted(context, serverUrl);
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
