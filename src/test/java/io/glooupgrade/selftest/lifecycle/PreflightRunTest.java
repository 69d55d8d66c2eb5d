package io.glooupgrade.selftest.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glooupgrade.selftest.support.SuiteLauncher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misconfigured run stops once, in seconds, with one message: the acceptance suite run as
 * failsafe runs it, in a JVM of its own, against a kubeconfig whose server this test controls.
 * The run fails (non-zero exit), its message appears once and without a stack trace, every
 * scenario is skipped as not run with that message, no credential or licence key is printed,
 * and a context nobody allowed is refused before its server is contacted.
 */
class PreflightRunTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "token-5ecret-of-the-kubeconfig";
  private static final String LICENCE = "licence-5ecret-of-the-environment";

  @TempDir
  Path dir;

  @Test
  void aContextNobodyAllowedStopsTheRunWithTheGuardsMessageBeforeItsServerIsContacted() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      List<Socket> contacted = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          contacted.add(server.accept());
        } catch (IOException e) {
          // closed by the test
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Run run = run(kubeconfig(server.getLocalPort()), null);

      assertThat(run.exit()).as(run.output()).isNotZero();
      assertThat(occurrences(run.output(), "are not in harness.allowContexts")).as(run.output()).isEqualTo(1);
      assertThat(run.output()).contains("-Dharness.allowContexts=management,remote1,remote2,staging")
          .contains("-Dharness.debug=true adds the stack traces").doesNotContain("\tat ")
          .doesNotContain(TOKEN).doesNotContain(LICENCE);
      assertThat(contacted).as("connections to the refused context's server").isEmpty();
      assertThat(run.skipped()).as("every scenario, not run for it").hasSizeGreaterThan(10)
          .allSatisfy(message -> assertThat(message).startsWith("not run: the run stopped before its first scenario")
              .contains("are not in harness.allowContexts"));
    }
  }

  @Test
  void anUnreachableAllowedContextStopsTheRunNamingItsAddressOnce() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    // How long it takes is measured, not asserted (docs/benchmarks.md: 51 s of wall time, Maven included, on a busy machine).
    Run run = run(kubeconfig(closedPort), "oss", "-Dharness.allowContexts=staging");

    assertThat(run.exit()).as(run.output()).isNotZero();
    assertThat(occurrences(run.output(), "127.0.0.1:" + closedPort)).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("(context 'staging') cannot be reached").doesNotContain("\tat ")
        .doesNotContain(TOKEN).doesNotContain(LICENCE);
    assertThat(run.skipped()).hasSizeGreaterThan(5)
        .allSatisfy(message -> assertThat(message).contains("127.0.0.1:" + closedPort + " (context 'staging')"));
  }

  @Test
  void harnessDebugAddsTheStackTraces() throws Exception {
    Run run = run(kubeconfig(9), "oss", "-Dharness.debug=true");
    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).contains("is not in harness.allowContexts").contains("\tat ");
  }

  private record Run(int exit, String output, List<String> skipped) {
  }

  private Run run(Path kubeconfig, String tags, String... settings) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dharness.target=kubeconfig",
        "-Dharness.kubeconfig=" + kubeconfig, "-Dallure.results.directory=" + dir.resolve("allure-results"),
        "-Dharness.compliance.directory=" + dir.resolve("compliance")));
    command.addAll(List.of(settings));
    command.add(SuiteLauncher.class.getName());
    if (tags != null) {
      command.add(tags);
    }
    Path log = dir.resolve("run.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("LICENSE_KEY", LICENCE);
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the run did not end within 2 minutes:\n" + Files.readString(log));
    }
    List<String> skipped = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("allure-results"))) {
      for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
        JsonNode result = JSON.readTree(file.toFile());
        assertThat(result.path("status").asText()).as(file.toString()).isEqualTo("skipped");
        skipped.add(result.path("statusDetails").path("message").asText());
      }
    }
    return new Run(process.exitValue(), Files.readString(log), skipped);
  }

  private Path kubeconfig(int port) throws IOException {
    return Files.writeString(dir.resolve("kubeconfig.yaml"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: staging
          cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}
        contexts:
        - {name: staging, context: {cluster: staging, user: u}}
        - {name: management, context: {cluster: staging, user: u}}
        - {name: remote1, context: {cluster: staging, user: u}}
        - {name: remote2, context: {cluster: staging, user: u}}
        current-context: staging
        users:
        - name: u
          user: {token: %s}
        """.formatted(port, TOKEN));
  }

  private static int occurrences(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
