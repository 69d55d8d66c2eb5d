package io.glooupgrade.selftest.apiserver;

import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import io.glooupgrade.kube.KubeconfigYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code kubectl} (v1.32, as the hook Jobs of real Gloo charts run it) against an embedded
 * API, with a kubeconfig of its own and a discovery cache of its own, so one test never reads what
 * another's server said. Canary tests that are about kubectl are skipped when there is none.
 */
final class Kubectl {

  /** A guard, not a wait: kubectl answers in well under a second against a loopback API. */
  private static final long TIMEOUT_SECONDS = 60;
  private static final Path USUAL_PLACE = Path.of("/usr/bin/kubectl");

  private final Path binary;
  private final Path home;
  private final Path kubeconfig;

  /** What one kubectl run printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {

    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private Kubectl(Path binary, Path home, Path kubeconfig) {
    this.binary = binary;
    this.home = home;
    this.kubeconfig = kubeconfig;
  }

  /**
   * A kubectl that reaches the API's HTTPS port with this bearer token, verifying the server with
   * the API's CA, as a pod's kubectl does (over plain HTTP kubectl sends no token at all); skips the
   * test when there is no kubectl.
   */
  static Kubectl against(EmbeddedApiServer api, String token, Path workDirectory) {
    return with(workDirectory, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: embedded
          cluster:
            server: %s
            certificate-authority-data: %s
        contexts:
        - name: embedded
          context: {cluster: embedded, user: embedded}
        current-context: embedded
        users:
        - name: embedded
          user:
            token: %s
        """.formatted(api.secureUrl(), Base64.getEncoder().encodeToString(
            api.certificateAuthority().getBytes(StandardCharsets.UTF_8)), token));
  }

  /** A kubectl with the kubeconfig an embedded cluster hands out: plain HTTP, so no token is sent. */
  static Kubectl overPlainHttp(EmbeddedApiServer api, String token, Path workDirectory) {
    return with(workDirectory, KubeconfigYaml.of("embedded", api.url(), token));
  }

  private static Kubectl with(Path workDirectory, String kubeconfigYaml) {
    Optional<Path> binary = find();
    Assumptions.assumeTrue(binary.isPresent(), "this canary runs the real kubectl: install kubectl v1.32 "
        + "(https://dl.k8s.io/release/v1.32.4/bin/linux/amd64/kubectl, or the distribution's kubectl package) "
        + "at /usr/bin/kubectl or on the PATH");
    try {
      Path home = Files.createDirectories(workDirectory.resolve("kubectl-home"));
      Path kubeconfig = Files.writeString(home.resolve("kubeconfig.yaml"), kubeconfigYaml);
      return new Kubectl(binary.get(), home, kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Path> find() {
    if (Files.isExecutable(USUAL_PLACE)) {
      return Optional.of(USUAL_PLACE);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  Result run(String... args) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", home.resolve("cache").toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(home, "stdout", ".txt");
      Path err = Files.createTempFile(home, "stderr", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("HOME", home.toString());
      builder.environment().remove("KUBECONFIG");
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS
            + " s; stderr so far:\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
