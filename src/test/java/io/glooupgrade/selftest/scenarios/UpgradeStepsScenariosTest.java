package io.glooupgrade.selftest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Upgrade Steps scenarios fail, at the step that should catch it, when the twin is broken. */
class UpgradeStepsScenariosTest {

  private static final String FEATURE = "upgrade-steps.feature";
  private static final String PREPARE = "Prepare to upgrade (Upgrade Steps, step 1)";
  private static final String REVIEW = "Review the CRD and Helm changes of the new version (Upgrade Steps, step 2)";
  private static final String GLOOCTL = "glooctl at the new version before the upgrade (Upgrade Steps, step 3)";
  private static final String CRDS = "The minor version's changes are applied before the upgrade (Upgrade Steps, step 4)";
  private static final String UPGRADE = "CRDs first, then the Helm upgrade with the values in use "
      + "(Upgrade Steps, steps 4 and 5)";
  private static final String PREPARED = "When the upgrade from the current to the new version is prepared";

  @Test
  void theUpgradeFailsAtGlooctlCheckWhenTheNewVersionRejectsTheVirtualService() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss",
        Faults.none().rejectVirtualServicesAt("1.19.20"), Map.of("harness.timeout.check", "3"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("And glooctl check reports no problems");
    assertThat(outcome.error()).contains("Found rejected VirtualService");
  }

  @Test
  void theEnterpriseUpgradeFailsAtTheRolloutWhenTheLicenceExpires() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@enterprise",
        Faults.none().expireLicences(), Map.of("harness.timeout.rollout", "3"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).startsWith("Given Gloo Edge at the current version is installed");
    assertThat(outcome.error()).contains("License is invalid or expired");
  }

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
  void preparingFailsAtThePatchUpgradeWhenTheLatestPatchCrashLoops() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, PREPARE, "@oss",
        Faults.none().crashLoopingGloo("1.18.41"),
        Map.of("harness.current.version", "1.18.40", "harness.timeout.rollout", "3"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo(PREPARED);
    assertThat(outcome.error()).contains("CrashLoopBackOff").contains("gloo 1.18.41 exited");
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

  @Test
  void theReviewFailsWhenTheNewVersionRemovesACrdThatStillHoldsResources() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, REVIEW, "@oss",
        Faults.none().chartMissingCrd("1.19.20", "virtualservices.gateway.solo.io"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("Then no CRD that the new version removes still holds custom resources");
    assertThat(outcome.error()).contains("virtualservices.gateway.solo.io: 1 left (gloo-system/default)");
  }

  @Test
  void glooctlFailsAtTheCheckBeforeUpgradingWhenTheInstallationHasWarnings() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, GLOOCTL, "@oss",
        Faults.none().warnOnVirtualServicesAt("1.18.41"), Map.of("harness.timeout.check", "3"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("And glooctl check reports no problems");
    assertThat(outcome.error()).contains("Found warning VirtualService by 'gloo-system': gloo-system.default");
  }

  @Test
  void stepFourDeletesACrdTheNewVersionRemoved() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, CRDS, "@oss",
        Faults.none().chartMissingCrd("1.19.20", "directresponses.gateway.gloo.solo.io"));

    // The scenario's own Then proves the CRD is gone: "no CRD that the new version removes is left".
    assertThat(outcome.passed()).as("%s", outcome).isTrue();
  }

  @Test
  void stepFourRefusesToDeleteARemovedCrdThatStillHoldsResources() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, CRDS, "@oss",
        Faults.none().chartMissingCrd("1.19.20", "virtualservices.gateway.solo.io"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("And the CRDs the new version removes are deleted");
    assertThat(outcome.error()).contains("removes CRDs that still hold custom resources")
        .contains("virtualservices.gateway.solo.io: 1 left (gloo-system/default)");
  }

  @Test
  void theUpgradeDeletesTheImmutableCompletedCertgenJobAndUpgradesAgain() {
    // The fault ships gateway-certgen without its hook: the first helm upgrade fails as immutable.
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss", Faults.none().certgenJobWithoutHook());

    assertThat(outcome.passed()).as("%s", outcome).isTrue();
  }
}
