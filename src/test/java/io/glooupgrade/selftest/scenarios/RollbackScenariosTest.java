package io.glooupgrade.selftest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The rollback scenarios fail, at the step that should catch it, when the rollback version is
 * broken. The rollback version is set to an older patch than the current one ($ROLLBACK_VERSION
 * from the configuration), so that a fault of the rollback version leaves the canary upgrade the
 * scenario starts from intact.
 */
class RollbackScenariosTest {

  private static final String FEATURE = "rollback.feature";
  private static final String ROLLBACK = "The rollback version is installed again beside the new one and takes over "
      + "(Roll back a canary upgrade, steps 1 to 7)";

  @Test
  void theOssRollbackFailsAtBothVersionsRunningWhenTheRollbackGlooCrashLoops() {
    ScenarioRun.Outcome outcome = withSetting("harness.rollback.version", "1.18.40", () ->
        ScenarioRun.runOne(FEATURE, ROLLBACK, "@oss", Faults.none().crashLoopingGloo("1.18.40")));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("Then the new and the rollback version are both running");
    assertThat(outcome.error()).contains("Gloo Edge OSS 1.18.40 in gloo-system-1-18-40 is not running")
        .contains("CrashLoopBackOff");
  }

  @Test
  void theEnterpriseRollbackFailsAtTheRouteTestWhenTheRollbackVersionRejectsTheVirtualService() {
    ScenarioRun.Outcome outcome = withSetting("harness.enterprise.rollback.version", "1.18.13", () ->
        ScenarioRun.runOne(FEATURE, ROLLBACK, "@enterprise", Faults.none().rejectVirtualServicesAt("1.18.13")));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep())
        .isEqualTo("Then \"/all-pets\" lists the pets through the rollback version's gateway");
    assertThat(outcome.error()).contains("the gateway of Gloo Edge 1.18.13 (gloo-system-1-18-13) does not serve "
        + "the petstore at /all-pets");
  }

  private static <T> T withSetting(String key, String value, Supplier<T> run) {
    String saved = System.setProperty(key, value);
    try {
      return run.get();
    } finally {
      if (saved == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, saved);
      }
    }
  }
}
