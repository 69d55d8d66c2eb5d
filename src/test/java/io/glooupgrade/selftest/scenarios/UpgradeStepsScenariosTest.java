package io.glooupgrade.selftest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.selftest.support.ScenarioRun;
import org.junit.jupiter.api.Test;

/** The Upgrade Steps scenarios fail, at the step that should catch it, when the twin is broken. */
class UpgradeStepsScenariosTest {

  private static final String FEATURE = "upgrade-steps.feature";
  private static final String UPGRADE = "CRDs first, then the Helm upgrade with the values in use "
      + "(Upgrade Steps, steps 4 and 5)";

  @Test
  void theUpgradeFailsAtGlooctlCheckWhenTheNewVersionRejectsTheVirtualService() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss",
        Faults.none().rejectVirtualServicesAt("1.19.20"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("And glooctl check reports no problems");
    assertThat(outcome.error()).contains("Found rejected VirtualService");
  }

  @Test
  void theEnterpriseUpgradeFailsAtTheRolloutWhenTheLicenceExpires() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@enterprise",
        Faults.none().expireLicences());

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).startsWith("Given Gloo Edge at the current version is installed");
    assertThat(outcome.error()).contains("License is invalid or expired");
  }
}
