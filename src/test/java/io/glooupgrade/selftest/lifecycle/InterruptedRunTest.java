package io.glooupgrade.selftest.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.Secret;
import io.glooupgrade.embedded.EmbeddedWorld;
import io.glooupgrade.embedded.SelfTestFaults;
import io.glooupgrade.embedded.apiserver.ApiFaults;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.evidence.compliance.Sha256Manifest;
import io.glooupgrade.kube.KubeContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped by SIGTERM (what Ctrl-C and a CI job's timeout send) while a scenario is changing
 * the cluster: the scenario's cleanup still runs, the scenarios after it are skipped, and the
 * Allure results and a compliance record marked incomplete are still written. The run is a
 * separate JVM (the suite's own glue and plugins, through Cucumber's command line) against an
 * embedded cluster that this test owns and reaches through its kubeconfig, as a real one would be.
 *
 * <p>Helm, Go code inside the run's JVM, takes the signal for itself while it installs (the install
 * is cancelled and the run interrupted from there); at any other time the JVM's shutdown hook gets
 * it. Both must end the same way, and each test makes sure of the way it exercises.
 */
class InterruptedRunTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path reports;
  private EmbeddedWorld staging;
  private Process run;

  @AfterEach
  void stop() {
    if (run != null) {
      run.destroyForcibly();
    }
    if (staging != null) {
      staging.close();
    }
  }

  @Test
  void sigtermWhileHelmInstallsCancelsTheInstallCleansUpAndWritesAnIncompleteRecord() throws Exception {
    // Helm records the release as pending-install, then waits for its hook Job, reading the API:
    // every read of Helm's answered slowly, so the install is surely still running when the signal comes.
    try (SelfTestFaults.Switch faults = SelfTestFaults.switchOn(Faults.none().flakyApi(
        ApiFaults.every(1, ApiFaults.Kind.SLOW_ANSWER).slowAnswersTake(Duration.ofMillis(200)).onlyHelm()))) {
      staging = EmbeddedWorld.start("1.31.4", List.of("embedded"));
    }
    interruptedWhen("Helm to be installing Gloo Edge", cluster -> !releases(cluster, "pending-install").isEmpty(),
        "SIGINT or SIGTERM, taken by Helm during helm install");
  }

  @Test
  void sigtermWhileTheHarnessWaitsReachesTheShutdownHookWhichCleansUpAndWritesAnIncompleteRecord()
      throws Exception {
    // Gloo crash-loops, so the run waits for a rollout (in Java, long after Helm returned) when the signal comes.
    // Without the chart's rollout Jobs (gateway.rolloutJob.enabled=false, a value of the real chart) Helm
    // returns at once; with them, its post-install check would wait for the crash-looping gloo itself.
    try (SelfTestFaults.Switch faults = SelfTestFaults.switchOn(Faults.none().crashLoopingGloo("1.18.41"))) {
      staging = EmbeddedWorld.start("1.31.4", List.of("embedded"));
    }
    Path values = Files.writeString(reports.resolve("no-rollout-jobs.yaml"), "gateway:\n  rolloutJob:\n    enabled: false\n");
    // The run says when it starts waiting, which it does only once Helm has returned.
    interruptedWhen("the run to wait for the rollout", cluster -> log().contains("Waiting up to 300 s (timeout "
        + "'rollout') for every Gloo Edge Deployment rolled out"), "Ctrl-C, SIGTERM or the JVM exiting",
        "-Dharness.values.file=" + values);
  }

  private String log() {
    try {
      return Files.readString(reports.resolve("run.log"));
    } catch (IOException e) {
      return "";
    }
  }

  private static List<Secret> releases(KubernetesClient cluster, String status) {
    return cluster.secrets().inNamespace("gloo-system").withLabel("owner", "helm").withLabel("status", status)
        .list().getItems();
  }

  private void interruptedWhen(String moment, Predicate<KubernetesClient> reached, String how, String... settings)
      throws Exception {
    Path log = reports.resolve("run.log");
    run = new ProcessBuilder(command(settings)).redirectErrorStream(true).redirectOutput(log.toFile()).start();

    try (KubernetesClient cluster = new KubeContext(staging.contextName(), staging.kubeconfig()).newClient()) {
      Awaitility.await(moment).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
          .failFast("the run ended before that:\n" + tail(log), () -> !run.isAlive())
          .until(() -> reached.test(cluster));
      // SIGTERM, again each second until the run says it is interrupted, as a person presses
      // Ctrl-C again: Helm's goroutines may take a signal just after a Helm call returned.
      Awaitility.await().alias("the run to say it is interrupted").atMost(Duration.ofMinutes(1))
          .conditionEvaluationListener(c -> {
            if (c.getRemainingTimeInMS() <= 1_000) {
              System.err.println("the run never said it was interrupted:\n" + tail(log));
            }
          })
          .pollInterval(Duration.ofSeconds(1)).pollDelay(Duration.ZERO)
          .until(() -> {
            run.destroy();
            return log().contains("the run was interrupted");
          });
      assertThat(run.waitFor(3, TimeUnit.MINUTES)).as("the run exits after its cleanup:\n%s", tail(log)).isTrue();
      assertThat(run.exitValue()).as("an interrupted run does not exit 0").isNotZero();
      String output = Files.readString(log);
      assertThat(output).contains("the run was interrupted (" + how)
          .contains("undoing what the running scenario created");

      Awaitility.await("the interrupted scenario's cleanup to leave the cluster empty").atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> {
            assertThat(cluster.namespaces().list().getItems()).as("namespaces left:\n%s", tail(log)).isEmpty();
            assertThat(cluster.secrets().inAnyNamespace().list().getItems()).as("Helm releases left").isEmpty();
            assertThat(cluster.apiextensions().v1().customResourceDefinitions().list().getItems())
                .as("CRDs left").isEmpty();
          });
    }

    List<JsonNode> results = allureResults();
    assertThat(results).as("an Allure result per scenario of the run:\n%s", tail(log)).hasSize(7);
    assertThat(results.stream().filter(r -> r.path("status").asText().matches("failed|broken")))
        .as("the interrupted scenario").hasSize(1);
    assertThat(results.stream().filter(r -> r.path("status").asText().equals("skipped")))
        .as("the scenarios after it, not started").hasSize(6)
        .allSatisfy(r -> assertThat(r.path("statusDetails").path("message").asText())
            .contains("the run was interrupted").contains("nothing was changed"));

    Path record = latestRecord();
    JsonNode recorded = JSON.readTree(record.resolve("record.json").toFile()).path("run");
    assertThat(recorded.path("status").asText()).isEqualTo("incomplete");
    assertThat(recorded.path("interrupted").asText()).contains("the run was interrupted");
    assertThat(recorded.path("skipped").asInt()).isEqualTo(6);
    assertThat(Sha256Manifest.verify(record)).as("the record verifies against its manifest").isEmpty();
  }

  @Test
  void aTargetThatStopsAnsweringMidRunEndsTheRunOnceAndWritesAnIncompleteRecord() throws Exception {
    staging = EmbeddedWorld.start("1.31.4", List.of("embedded"));
    Path log = reports.resolve("run.log");
    run = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try (KubernetesClient cluster = new KubeContext(staging.contextName(), staging.kubeconfig()).newClient()) {
      Awaitility.await("the first scenario to have installed Gloo Edge").atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(100)).failFast("the run ended before that:\n" + tail(log), () -> !run.isAlive())
          .until(() -> !releases(cluster, "deployed").isEmpty());
    }
    String server = new KubeContext(staging.contextName(), staging.kubeconfig()).apiServer();
    staging.close();
    staging = null;

    assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("the run ends:\n%s", tail(log)).isTrue();
    assertThat(run.exitValue()).as("a run cut short does not exit 0").isNotZero();
    String output = Files.readString(log);
    assertThat(output).contains("the target stopped answering during the scenario")
        .contains("the Kubernetes API at " + server);
    List<JsonNode> results = allureResults();
    assertThat(results.stream().filter(r -> r.path("status").asText().matches("failed|broken")))
        .as("the scenario that was running:\n%s", tail(log)).hasSize(1);
    assertThat(results.stream().filter(r -> r.path("status").asText().equals("skipped")))
        .as("the scenarios left, not started").hasSize(6)
        .allSatisfy(r -> assertThat(r.path("statusDetails").path("message").asText())
            .contains("the target stopped answering").contains("nothing was changed"));
    JsonNode recorded = JSON.readTree(latestRecord().resolve("record.json").toFile()).path("run");
    assertThat(recorded.path("status").asText()).isEqualTo("incomplete");
    assertThat(recorded.path("interrupted").asText()).contains("the target stopped answering");
  }

  private List<String> command(String... settings) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(settings));
    command.addAll(List.of(
        "-Dharness.target=kubeconfig",
        "-Dharness.kubeconfig=" + staging.kubeconfig(),
        "-Dharness.allowContexts=" + staging.contextName(),
        "-Dharness.gloo.repository=" + staging.helmRepositoryUrls().get("gloo"),
        "-Dharness.timeout.rollout=300", "-Dharness.timeout.interrupt=60",
        "-Dallure.results.directory=" + reports.resolve("allure-results"),
        "-Dharness.compliance.directory=" + reports.resolve("compliance"),
        "io.cucumber.core.cli.Main", "--glue", "io.glooupgrade.steps",
        "--plugin", "io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm",
        "--plugin", "io.glooupgrade.traffic.StepTimeline",
        "--plugin", "io.glooupgrade.evidence.compliance.ComplianceRecorder",
        "--tags", "@oss", "--monochrome", "features/upgrade-steps.feature"));
    return command;
  }

  private Path latestRecord() throws IOException {
    Path compliance = reports.resolve("compliance");
    return compliance.resolve(Files.readString(compliance.resolve("LATEST")).strip());
  }

  private List<JsonNode> allureResults() throws IOException {
    try (Stream<Path> files = Files.list(reports.resolve("allure-results"))) {
      List<JsonNode> results = new ArrayList<>();
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
        results.add(JSON.readTree(file.toFile()));
      }
      return results;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
