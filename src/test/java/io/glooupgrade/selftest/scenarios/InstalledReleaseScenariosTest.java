package io.glooupgrade.selftest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Release;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.selftest.support.ScenarioRun;
import io.glooupgrade.selftest.support.TwinWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios tagged @installed-release start from the Gloo Edge release a cluster already runs:
 * shown on an embedded cluster, reached through its kubeconfig, where the test installed it.
 */
class InstalledReleaseScenariosTest {

  private static final String FEATURE = "upgrade-installed-release.feature";
  private static final String UPGRADE = "Upgrade the installed release: CRDs first, then Helm with the values in use "
      + "(Upgrade Steps, steps 4 and 5)";

  @TempDir
  Path workDir;
  private TwinWorld staging;

  @BeforeEach
  void start() {
    staging = new TwinWorld(workDir, ProxyStartup.after(Duration.ofMillis(100)));
  }

  @AfterEach
  void stop() {
    staging.close();
  }

  @Test
  void theUpgradeOfTheInstalledReleaseFailsAtTheHelmUpgradeWhenTheNewVersionCrashLoops() {
    staging.close();
    staging = new TwinWorld(workDir, ProxyStartup.after(Duration.ofMillis(100)),
        Faults.none().crashLoopingGloo("1.19.20"));
    staging.install("gloo-system", "1.18.41", Map.of());
    Map<String, String> settings = new java.util.HashMap<>(settings("installed"));
    settings.put("harness.timeout.rollout", "3");

    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss", Faults.none(), settings);

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("And the Helm release is upgraded to the new version with the values "
        + "in use");
    assertThat(outcome.error()).contains("CrashLoopBackOff").contains("gloo 1.19.20 exited");
  }

  @Test
  void theInstalledReleaseIsUpgradedInPlaceAndLeftAtTheNewVersion() {
    staging.install("gloo-system", "1.18.41", Map.of());

    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss", Faults.none(),
        settings("installed"));

    assertThat(outcome.passed()).as("%s", outcome).isTrue();
    List<Release> releases = staging.gloo.helm().list("gloo-system");
    assertThat(releases).as("the upgraded release is left installed").singleElement()
        .satisfies(r -> assertThat(r.getChart()).isEqualTo("gloo-1.19.20"));
    // The undo deletes the Deployment; its pods go after it, in the background, as on a real cluster.
    assertThat(staging.client.apps().deployments().inNamespace("default").withName("petstore").get())
        .as("the petstore the scenario created is gone").isNull();
  }

  @Test
  void withNothingInstalledTheScenarioStopsAtItsStartNamingWhatIsMissing() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss", Faults.none(),
        settings("installed"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).startsWith("hook ");
    assertThat(outcome.error()).contains("no gloo release named 'gloo' is installed in gloo-system");
    assertThat(staging.client.namespaces().list().getItems()).as("nothing was installed").isEmpty();
  }

  @Test
  void anInstalledReleaseAtAnotherVersionThanTheConfiguredOneIsRefusedBeforeAnyChange() {
    staging.install("gloo-system", "1.18.40", Map.of());

    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss", Faults.none(), settings("1.18.41"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("Given the Gloo Edge release already installed with Helm in \"gloo-system\"");
    assertThat(outcome.error()).contains("the gloo release in gloo-system runs 1.18.40, but the current version is "
        + "set to 1.18.41: set harness.current.version to 1.18.40 or to installed");
    assertThat(staging.gloo.helm().list("gloo-system")).singleElement()
        .satisfies(r -> assertThat(r.getChart()).isEqualTo("gloo-1.18.40"));
  }

  private Map<String, String> settings(String currentVersion) {
    return Map.of("harness.target", "kubeconfig", "harness.kubeconfig", staging.target.cluster().kubeconfig().toString(),
        "harness.allowContexts", staging.target.cluster().name(),
        "harness.gloo.repository", staging.target.helmRepository("gloo"),
        "harness.current.version", currentVersion);
  }
}
