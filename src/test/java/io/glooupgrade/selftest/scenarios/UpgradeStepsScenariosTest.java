package io.glooupgrade.selftest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Upgrade Steps scenarios on a configuration, not a broken product: an older patch upgraded to
 * the latest first, a skipped minor, an unsupported Kubernetes version, a CRD the new version
 * removes. What a fault of the twin breaks is in the fault matrix (selftest/matrix/FaultMatrix).
 */
class UpgradeStepsScenariosTest {

  private static final String FEATURE = "upgrade-steps.feature";
  private static final String PREPARE = "Prepare to upgrade (Upgrade Steps, step 1)";
  private static final String CRDS = "The minor version's changes are applied before the upgrade (Upgrade Steps, step 4)";

  @Test
  void theSitesValuesFileReachesTheInstallSoThePreparationFindsTheProbesOn(@TempDir Path dir) throws Exception {
    Path values = Files.writeString(dir.resolve("staging-values.yaml"),
        "gatewayProxies:\n  gatewayProxy:\n    podTemplate:\n      probes: true\n");

    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, PREPARE, "@oss", Faults.none(),
        Map.of("harness.values.file", values.toString()));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep())
        .isEqualTo("And the preparation warns that the gateway-proxy probes are off, as they are by default");
    assertThat(outcome.error()).as("the values file turned the probes on").contains("[gateway-proxy] run with a readiness probe");
  }

  @Test
  void preparingFromAnOlderPatchUpgradesToTheLatestPatchFirst() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, PREPARE, "@oss", Faults.none(),
        Map.of("harness.current.version", "1.18.40"));

    assertThat(outcome.passed()).as("1.18.40 upgraded to 1.18.41 before anything else: %s", outcome).isTrue();
  }

  @Test
  void preparingRefusesToSkipAMinorAndNamesTheIncrementalPath() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, PREPARE, "@oss", Faults.none(),
        Map.of("harness.current.version", "1.17.38"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("And the new version is at most one minor above the current version");
    assertThat(outcome.error()).contains("skips 1 minor version(s): upgrade incrementally")
        .contains("1.17.38 -> 1.18.41 (latest patch of 1.18) -> 1.19.20 (the new version)");
  }

  @Test
  void preparingFailsOnAKubernetesVersionTheNewMinorDoesNotSupport() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, PREPARE, "@enterprise", Faults.none(),
        Map.of("harness.kubernetes.version", "1.26.0"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("And the cluster's Kubernetes version is supported by the new version");
    assertThat(outcome.error()).contains("1.26.0 is not supported by Gloo Edge 1.19 (supported: 1.28-1.32)");
  }

  // Not a broken product: a new minor may remove a CRD; step 4 deletes it.
  @Test
  void stepFourDeletesACrdTheNewVersionRemoved() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, CRDS, "@oss",
        Faults.none().chartMissingCrd("1.19.20", "directresponses.gateway.gloo.solo.io"));

    // The scenario's own Then proves the CRD is gone: "no CRD that the new version removes is left".
    assertThat(outcome.passed()).as("%s", outcome).isTrue();
  }
}
