package io.glooupgrade.selftest.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.config.InvalidSettingsException;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import io.glooupgrade.kube.TargetUnreachableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad kubeconfigs get a clear error before anything is changed. */
class TargetResolverTest {

  @TempDir
  Path dir;

  @Test
  void aMissingKubeconfigIsNamed() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> TargetResolver.resolve(kubeconfigSettings(missing, null)))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining(missing.toString());
  }

  @Test
  void contextsTheKubeconfigLacksAndAMissingLicenceKeyAreListedTogetherBeforeAnyClusterCall() throws IOException {
    Path file = Files.writeString(dir.resolve("kubeconfig.yaml"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: staging
          cluster: {server: "http://127.0.0.1:9"}
        contexts:
        - name: staging
          context: {cluster: staging, user: u}
        current-context: staging
        users:
        - name: u
          user: {token: t}
        """);
    HarnessSettings settings = HarnessSettings.from(Map.of("harness.target", "kubeconfig",
        "harness.kubeconfig", file.toString(), "harness.context.management", "staging",
        "harness.context.remote1", "eu-1"));
    // Port 9 answers nothing: a cluster call would fail as unreachable, not as invalid settings.
    assertThatThrownBy(() -> TargetResolver.resolve(settings, HarnessSettings.FEDERATION_CLUSTERS,
        System.getenv("LICENSE_KEY") == null))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("harness.context.remote1 names context 'eu-1', which kubeconfig " + file
            + " does not have; its contexts: [staging]")
        .hasMessageContaining("harness.context.remote2 names context 'remote2'")
        .satisfies(e -> {
          if (System.getenv("LICENSE_KEY") == null) {
            assertThat(e).hasMessageContaining("needs a licence key: set the environment variable LICENSE_KEY");
          }
        });
  }

  @Test
  void anInvalidKubeconfigIsReportedAsSuch() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "this: [is not a kubeconfig");
    assertThatThrownBy(() -> TargetResolver.resolve(kubeconfigSettings(file, null)))
        .isInstanceOf(TargetUnreachableException.class).hasMessageContaining("not a valid kubeconfig");
  }

  @Test
  void anUnreachableApiFailsFastWithItsContextAndError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path file = Files.writeString(dir.resolve("kubeconfig.yaml"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: gone
          cluster:
            server: http://127.0.0.1:%d
        contexts:
        - name: gone
          context: {cluster: gone, user: u}
        current-context: gone
        users:
        - name: u
          user: {token: t}
        """.formatted(closedPort));
    // Allowed: a context nobody allowed is refused before any network call (PreflightChecksTest).
    assertThatThrownBy(() -> TargetResolver.resolve(HarnessSettings.from(Map.of("harness.target", "kubeconfig",
        "harness.kubeconfig", file.toString(), "harness.allowContexts", "gone"))))
        .isInstanceOf(TargetUnreachableException.class)
        .hasMessageContaining("context 'gone'").hasMessageContaining("127.0.0.1:" + closedPort);
  }

  @Test
  void theEmbeddedTargetHandsOutAReachableKubeconfigAndTheGlooRepository() {
    try (Target target = TargetResolver.resolve(HarnessSettings.from(Map.of()))) {
      assertThat(target.kind()).isEqualTo("embedded");
      assertThat(target.cluster().kubeconfig()).exists();
      assertThat(target.helmRepository("gloo")).startsWith("http://127.0.0.1:");
    }
  }

  private static HarnessSettings kubeconfigSettings(Path kubeconfig, String context) {
    return context == null
        ? HarnessSettings.from(Map.of("harness.target", "kubeconfig", "harness.kubeconfig", kubeconfig.toString()))
        : HarnessSettings.from(Map.of("harness.target", "kubeconfig", "harness.kubeconfig", kubeconfig.toString(),
            "harness.context", context));
  }
}
