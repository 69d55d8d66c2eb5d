package io.glooupgrade.selftest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A nightly job names no version: the current one is "previous-minor" and the new one "latest",
 * found in the chart repository when the scenario starts. On the twin, which offers 1.22.1 as its
 * newest release, that is the upgrade from 1.21.13 to 1.22.1; a fault on either version shows
 * which version each word became.
 */
class NightlyVersionsScenarioTest {

  private static final String FEATURE = "upgrade-steps.feature";
  private static final String UPGRADE = "CRDs first, then the Helm upgrade with the values in use (Upgrade Steps, "
      + "steps 4 and 5)";
  private static final Map<String, String> NIGHTLY = Map.of("harness.current.version", "previous-minor",
      "harness.new.version", "latest", "harness.timeout.rollout", "3");

  @Test
  void thePreviousMinorsLatestPatchIsUpgradedToTheNewestRelease() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss", Faults.none(), NIGHTLY);

    assertThat(outcome.passed()).as("%s", outcome).isTrue();
  }

  @Test
  void aFederationCanaryBetweenTwoVersionsThatBothKnowRetryBackOffPasses() {
    // Step 9 expects each remote to keep what its version knows: here both keep retryBackOff.
    ScenarioRun.Outcome outcome = ScenarioRun.runOne("canary-upgrade-federation.feature",
        "The new federation is tested beside the previous one, then takes over (Federation canary upgrade, steps 1 "
            + "to 11)", "@federation", Faults.none(), Map.of("harness.federation.current.version", "previous-minor",
            "harness.federation.new.version", "latest"));

    assertThat(outcome.passed()).as("%s", outcome).isTrue();
  }

  @Test
  void latestIsTheNewestReleaseOffered() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss",
        Faults.none().crashLoopingGloo("1.22.1"), NIGHTLY);

    assertThat(outcome.failedStep()).isEqualTo("And the Helm release is upgraded to the new version with the values "
        + "in use");
    assertThat(outcome.error()).contains("gloo 1.22.1 exited");
  }

  @Test
  void previousMinorIsTheLatestPatchOfTheMinorBeforeTheNewestRelease() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss",
        Faults.none().crashLoopingGloo("1.21.13"), NIGHTLY);

    assertThat(outcome.failedStep()).isEqualTo("Given Gloo Edge at the current version is installed with Helm in "
        + "\"gloo-system\"");
    assertThat(outcome.error()).contains("gloo 1.21.13 exited");
  }
}
