package io.glooupgrade.selftest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.selftest.support.ScenarioRun;
import org.junit.jupiter.api.Test;

/**
 * The Federation canary upgrade and its rollback fail, at the step that should catch it, when the
 * twin is broken: placement FAILED, an expired licence, a version that rejects the placed
 * VirtualService, a rollback version whose gloo crash-loops.
 */
class FederationScenariosTest {

  private static final String CANARY_FEATURE = "canary-upgrade-federation.feature";
  private static final String CANARY = "The new federation is tested beside the previous one, then takes over "
      + "(Federation canary upgrade, steps 1 to 11)";
  private static final String ROLLBACK_FEATURE = "rollback-federation.feature";
  private static final String ROLLBACK = "Gloo Edge Federation goes back to the rollback version, canary style "
      + "(Roll back a canary upgrade, steps 1 to 7, Federation)";

  @Test
  void theCanaryFailsAtThePlacementCheckWhenTheFederationsFailToPlace() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(CANARY_FEATURE, CANARY, "@federation",
        Faults.none().failPlacements());

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep())
        .isEqualTo("Then the federated virtual service \"my-fed-vs\" in \"gloo-fed\" is placed as follows:");
    assertThat(outcome.error()).contains("remote1/gloo-system by the federation in gloo-system: FAILED")
        .contains("failed to place resource");
  }

  @Test
  void theCanaryFailsAtTheFederationInstallWhenTheLicenceHasExpired() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(CANARY_FEATURE, CANARY, "@federation",
        Faults.none().expireLicences());

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).startsWith("Given Gloo Edge Federation at the current version is installed");
    assertThat(outcome.error()).contains("License is invalid or expired");
  }

  @Test
  void theCanaryFailsAtTheRemoteTestClustersCheckWhenTheNewVersionRejectsThePlacedVirtualService() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(CANARY_FEATURE, CANARY, "@federation",
        Faults.none().rejectVirtualServicesAt("1.13.30"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("And glooctl check reports no problems on \"remote2\"");
    assertThat(outcome.error()).contains("Found rejected VirtualService");
  }

  @Test
  void theRollbackFailsAtTheRemoteInstallWhenTheRollbackVersionCrashLoops() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(ROLLBACK_FEATURE, ROLLBACK, "@federation",
        Faults.none().crashLoopingGloo("1.12.55"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep())
        .isEqualTo("When Gloo Edge Enterprise at the rollback version is installed with Helm in \"gloo-system\" of "
            + "\"remote1\"");
    assertThat(outcome.error()).contains("CrashLoopBackOff").contains("gloo 1.12.55 exited");
  }

  @Test
  void theRollbackFailsAtTheFinalCheckWhenTheRollbackVersionRejectsThePlacedVirtualService() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(ROLLBACK_FEATURE, ROLLBACK, "@federation",
        Faults.none().rejectVirtualServicesAt("1.12.55"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("And glooctl check reports no problems on \"remote1\"");
    assertThat(outcome.error()).contains("Found rejected VirtualService");
  }
}
