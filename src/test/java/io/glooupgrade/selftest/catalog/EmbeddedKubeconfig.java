package io.glooupgrade.selftest.catalog;

/** A kubeconfig for one embedded API server, as Helm and fabric8 read it (one context, a token). */
final class EmbeddedKubeconfig {

  private EmbeddedKubeconfig() {
  }

  static String of(String serverUrl) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: embedded
          cluster:
            server: %s
        contexts:
        - name: embedded
          context:
            cluster: embedded
            user: embedded
        current-context: embedded
        users:
        - name: embedded
          user:
            token: t
        """.formatted(serverUrl);
  }
}
