package io.glooupgrade.kube;

/**
 * A kubeconfig of one context that reaches one API server with a bearer token: what
 * {@code glooctl cluster register} stores for a remote, and what an embedded cluster hands out.
 */
public final class KubeconfigYaml {

  private KubeconfigYaml() {
  }

  public static String of(String context, String serverUrl, String token) {
    return """
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
            user: %1$s
        current-context: %1$s
        users:
        - name: %1$s
          user:
            token: %3$s
        """.formatted(context, serverUrl, token);
  }
}
