package io.glooupgrade.selftest.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.kube.PreflightProblems;
import io.glooupgrade.kube.TargetResolver;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's preflight checks of the target (TargetResolver): the safety guard decided from the
 * kubeconfig alone, before any network call; one bounded probe per distinct API server, naming
 * its address once; nothing of the kubeconfig's credentials in any message.
 */
class PreflightChecksTest {

  private static final String TOKEN = "token-5ecret-of-the-kubeconfig";
  private static final String CLIENT_KEY = "Y2xpZW50LWtleS01ZWNyZXQ=";
  private static final String CLIENT_CERT = "Y2xpZW50LWNlcnQtNWVjcmV0";
  private static final String CA = "Y2EtY2VydC01ZWNyZXQ=";

  @TempDir
  Path dir;
  private SilentServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aContextNobodyAllowedIsRefusedFromTheKubeconfigAloneWithoutContactingItsServer() throws IOException {
    server = new SilentServer();
    Path kubeconfig = kubeconfig("https://127.0.0.1:" + server.port(), "staging");

    List<String> problems = PreflightProblems.beforeContact(settings(kubeconfig, Map.of()),
        List.of(TargetResolver.DEFAULT_ROLE), false);

    assertThat(problems).singleElement().asString()
        .contains("context 'staging' is not in harness.allowContexts").contains("nothing was changed")
        .contains("-Dharness.allowContexts=staging");
    assertThat(server.connections()).as("connections to the refused context's server").isZero();
  }

  @Test
  void anAllowedContextHasNoProblemBeforeContact() throws IOException {
    Path kubeconfig = kubeconfig("https://127.0.0.1:9", "staging");
    assertThat(PreflightProblems.beforeContact(settings(kubeconfig, Map.of("harness.allowContexts", "staging")),
        List.of(TargetResolver.DEFAULT_ROLE), false)).isEmpty();
  }

  @Test
  void aServerThatRefusesIsNamedOnceWithItsAddress() throws IOException {
    int closedPort = closedPort();
    Path kubeconfig = kubeconfig("https://127.0.0.1:" + closedPort, "staging");

    List<Throwable> causes = new ArrayList<>();
    List<String> problems = PreflightProblems.unansweredApiServers(settings(kubeconfig,
        Map.of("harness.allowContexts", "staging")), List.of(TargetResolver.DEFAULT_ROLE), causes);

    assertThat(problems).singleElement().asString()
        .contains("the Kubernetes API at 127.0.0.1:" + closedPort + " (context 'staging') cannot be reached")
        .contains("harness.context");
    assertThat(causes).hasSize(1);
  }

  @Test
  void clustersOnOneServerAreProbedOnceAndASilentServerWithinTheProbesBound() throws IOException {
    server = new SilentServer();
    // Credentials fabric8 can load (a token only), so that the probe gets as far as the network.
    Path kubeconfig = Files.writeString(dir.resolve("token-only.yaml"), Files.readString(
        kubeconfig("https://127.0.0.1:" + server.port(), "management", "remote1", "remote2"))
        .replaceAll("(?m)^\\s+(client-key-data|client-certificate-data|certificate-authority-data): .*\n", "")
        .replace("cluster:\n", "cluster:\n    insecure-skip-tls-verify: true\n"));

    Instant start = Instant.now();
    List<String> problems = PreflightProblems.unansweredApiServers(settings(kubeconfig,
        Map.of("harness.allowContexts", "management,remote1,remote2")), HarnessSettings.FEDERATION_CLUSTERS,
        new ArrayList<>());

    assertThat(Duration.between(start, Instant.now())).as("the probe's bound").isLessThan(Duration.ofSeconds(16));
    assertThat(problems).singleElement().asString()
        .contains("127.0.0.1:" + server.port() + " (contexts 'management', 'remote1', 'remote2') cannot be reached");
    assertThat(server.connections()).as("one probe for the one server").isEqualTo(1);
  }

  @Test
  void noMessageQuotesTheKubeconfigsCredentials() throws IOException {
    int closedPort = closedPort();
    Path kubeconfig = kubeconfig("https://127.0.0.1:" + closedPort, "staging");
    // The YAML error is on the token's line: its own message would quote that line.
    Path broken = Files.writeString(dir.resolve("broken.yaml"), Files.readString(kubeconfig)
        .replace("token: " + TOKEN, "token: [" + TOKEN));

    List<String> messages = new ArrayList<>();
    messages.addAll(PreflightProblems.beforeContact(settings(kubeconfig, Map.of("harness.context", "prod")),
        List.of(TargetResolver.DEFAULT_ROLE), false));
    messages.addAll(PreflightProblems.beforeContact(settings(kubeconfig, Map.of()),
        List.of(TargetResolver.DEFAULT_ROLE), false));
    messages.addAll(PreflightProblems.beforeContact(settings(broken, Map.of()),
        List.of(TargetResolver.DEFAULT_ROLE), false));
    List<Throwable> causes = new ArrayList<>();
    messages.addAll(PreflightProblems.unansweredApiServers(settings(kubeconfig, Map.of()),
        List.of(TargetResolver.DEFAULT_ROLE), causes));

    assertThat(messages).hasSize(4).anySatisfy(m -> assertThat(m).contains("is not valid YAML (line"));
    causes.forEach(cause -> messages.add(cause.toString()));
    assertThat(String.join("\n", messages)).doesNotContain(TOKEN).doesNotContain(CLIENT_KEY)
        .doesNotContain(CLIENT_CERT).doesNotContain(CA);
  }

  private Path kubeconfig(String server, String... contexts) throws IOException {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: u
          user:
            token: %s
            client-key-data: %s
            client-certificate-data: %s
        current-context: %s
        contexts:
        """.formatted(server, CA, TOKEN, CLIENT_KEY, CLIENT_CERT, contexts[0]));
    for (String context : contexts) {
      yaml.append("- name: ").append(context).append("\n  context: {cluster: c, user: u}\n");
    }
    return Files.writeString(dir.resolve("kubeconfig-" + contexts.length + ".yaml"), yaml);
  }

  private static HarnessSettings settings(Path kubeconfig, Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(Map.of("harness.target", "kubeconfig",
        "harness.kubeconfig", kubeconfig.toString(), "harness.context.management", "management"));
    values.putAll(extra);
    return HarnessSettings.from(values);
  }

  /** An API server that accepts connections and never says a word; counts who came. */
  private static final class SilentServer implements AutoCloseable {

    private final ServerSocket socket = new ServerSocket(0);
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

    SilentServer() throws IOException {
      Thread acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            accepted.add(socket.accept());
            connections.incrementAndGet();
          } catch (IOException e) {
            return;
          }
        }
      }, "silent-api-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  // A port nothing listens on any more: connections to it are refused.
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
