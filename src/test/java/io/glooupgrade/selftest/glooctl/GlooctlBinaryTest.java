package io.glooupgrade.selftest.glooctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.glooupgrade.gloo.glooctl.GlooctlBinary;
import io.glooupgrade.gloo.glooctl.GlooctlCommand;
import io.glooupgrade.gloo.glooctl.GlooctlRun;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.kube.KubeconfigYaml;
import io.glooupgrade.selftest.support.CapturedEvidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plumbing around a configured glooctl, proven with stand-in shell scripts (not glooctl): the
 * stand-in gets the scenario's kubeconfig and context, a hanging stand-in is killed at the timeout,
 * a non-zero exit fails quoting the output, and what it printed is attached as it is.
 */
class GlooctlBinaryTest {

  private static final Duration GENEROUS = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  private KubeContext cluster(String context) throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig-" + context + ".yaml");
    Files.writeString(kubeconfig, KubeconfigYaml.of(context, "http://127.0.0.1:1", "not-a-real-token"));
    return new KubeContext(context, kubeconfig);
  }

  @Test
  void theStandInRunsWithTheScenariosKubeconfigWhoseCurrentContextIsTheScenarios() throws IOException {
    KubeContext cluster = cluster("staging-east");
    // kubectl reads KUBECONFIG as glooctl does (client-go): it names the context glooctl would use.
    Path standIn = StandInGlooctl.write(dir, "glooctl", """
        echo "args: $*"
        echo "KUBECONFIG=$KUBECONFIG"
        echo "context: $(kubectl config current-context)"
        """);

    GlooctlRun run = new GlooctlBinary(standIn, GENEROUS).runOrFail(GlooctlCommand.check("gloo-system"),
        List.of(cluster));

    assertThat(run.stdout()).contains("args: check -n gloo-system")
        .contains("KUBECONFIG=" + cluster.kubeconfig().toAbsolutePath())
        .contains("context: staging-east");
  }

  @Test
  void aHangingStandInIsKilledAtTheTimeoutWithItsChildrenAndAClearMessage() throws IOException {
    Path pidFile = dir.resolve("sleep.pid");
    Path standIn = StandInGlooctl.write(dir, "glooctl", """
        echo "waiting for the API"
        sleep 600 &
        echo $! > %s
        wait
        """.formatted(pidFile));
    long start = System.nanoTime();

    assertThatThrownBy(() -> new GlooctlBinary(standIn, Duration.ofSeconds(1)).run(
        GlooctlCommand.version("gloo-system"), List.of(cluster("dev"))))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("`glooctl version -n gloo-system` did not finish within 1 s (harness.timeout.glooctl)"
            + " and was killed")
        .hasMessageContaining("waiting for the API");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    long sleeper = Long.parseLong(Files.readString(pidFile).trim());
    await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(sleeper).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void aPlanNeverRunsTheConfiguredGlooctl() {
    Path standIn = StandInGlooctl.write(dir, "glooctl", """
        exit 0
        """);
    System.setProperty("harness.glooctl", standIn.toString());
    try {
      assertThat(GlooctlBinary.configured()).as("a run that is not a plan").isPresent();
      System.setProperty("harness.plan", "true");
      assertThat(GlooctlBinary.configured()).as("a plan, which changes nothing").isEmpty();
    } finally {
      System.clearProperty("harness.glooctl");
      System.clearProperty("harness.plan");
    }
  }

  @Test
  void aStandInExitingNonZeroFailsTheStepQuotingWhatFailedAndItsOutput() {
    Path standIn = StandInGlooctl.write(dir, "glooctl", """
        echo "Uninstalling Gloo..."
        echo "Error: release gloo not found" >&2
        exit 3
        """);

    assertThatThrownBy(() -> new GlooctlBinary(standIn, GENEROUS).runOrFail(GlooctlCommand.uninstall("gloo-system"),
        List.of(cluster("dev"))))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("`glooctl uninstall -n gloo-system` failed with exit code 3:")
        .hasMessageContaining("Uninstalling Gloo...")
        .hasMessageContaining("Error: release gloo not found");
  }

  @Test
  void exitCodeStdoutAndStderrAreAttachedVerbatimAndTheLicenceKeyNowhere() throws IOException {
    String key = "lic-" + "0123456789abcdef";
    Path standIn = StandInGlooctl.write(dir, "glooctl", """
        printf 'line one\\n  indented, trailing space \\n'
        echo "warning: $*" >&2
        exit 0
        """);
    KubeContext cluster = cluster("dev");
    GlooctlCommand install = GlooctlCommand.of("install", "gateway", "enterprise", "-n", "gloo-system")
        .withSecret("--license-key", key);

    Map<String, String> attached;
    try (CapturedEvidence evidence = CapturedEvidence.start()) {
      new GlooctlBinary(standIn, GENEROUS).runOrFail(install, List.of(cluster));
      attached = evidence.attachments();
    }

    String shown = "glooctl install gateway enterprise -n gloo-system --license-key ********";
    assertThat(attached).containsEntry("glooctl exit code: " + shown, "0")
        .containsEntry("glooctl stdout: " + shown, "line one\n  indented, trailing space \n")
        .containsEntry("glooctl stderr: " + shown, "warning: install gateway enterprise -n gloo-system "
            + "--license-key ********\n")
        .containsKey("$ " + shown);
    assertThat(attached.toString()).doesNotContain(key);
  }
}
