package io.glooupgrade.selftest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.selftest.support.ScenarioRun;
import org.junit.jupiter.api.Test;

/** The canary upgrade scenarios fail, at the step that should catch it, when the new version is broken. */
class CanaryScenariosTest {

  private static final String FEATURE = "canary-upgrade.feature";
  private static final String CANARY = "The new version runs beside the current one, then takes over "
      + "(Canary upgrade, steps 1 to 8)";

  @Test
  void theOssCanaryFailsAtTheRouteTestWhenTheNewVersionRejectsTheVirtualService() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, CANARY, "@oss",
        Faults.none().rejectVirtualServicesAt("1.19.20"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("And \"/all-pets\" lists the pets through the new version's gateway");
    assertThat(outcome.error()).contains("the gateway of Gloo Edge 1.19.20 (gloo-system-1-19-20) does not serve "
        + "the petstore at /all-pets");
  }

  @Test
  void theEnterpriseCanaryFailsAtBothVersionsRunningWhenTheNewGlooCrashLoops() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, CANARY, "@enterprise",
        Faults.none().crashLoopingGloo("1.19.9"));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("Then the current and the new version are both running");
    assertThat(outcome.error()).contains("Gloo Edge Enterprise 1.19.9 in gloo-system-1-19-9 is not running")
        .contains("CrashLoopBackOff").doesNotContain("1.18.14 in gloo-system is not running");
  }
}
