package io.glooupgrade.selftest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.selftest.support.ScenarioRun;
import org.junit.jupiter.api.Test;

/**
 * The zero-downtime scenarios catch dropped traffic: a proxy that reports Ready before Envoy serves
 * defeats the readiness probe, and a load balancer that blips when the old gateway's Service goes
 * cuts the canary's traffic; "no request failed" must then fail, naming the step and the error.
 */
class ZeroDowntimeScenariosTest {

  private static final String WITH_PROBES = "With Envoy's probes enabled first, the in-place upgrade drops no request "
      + "(Upgrade Steps, steps 1 and 5)";

  @Test
  void noRequestFailedFailsWhenProxiesAreReadyBeforeTheyServe() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne("upgrade-steps.feature", WITH_PROBES, "@oss",
        Faults.none().proxiesReadyBeforeServing());

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("Then no request failed during the upgrade");
    assertThat(outcome.error()).contains("requests failed during the upgrade")
        .contains("during \"And the Helm release is upgraded to the new version with the values in use\"")
        .contains("HTTP 503");
  }

  @Test
  void theDocumentedOutageIsNotClaimedWhenTheChartsTurnTheProbesOn() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne("upgrade-steps.feature", "Without Envoy's probes the in-place "
        + "upgrade drops requests, as the guide warns (Upgrade Steps, steps 1 and 5)", "@oss",
        Faults.none().probesOnByDefaultInCharts());

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep())
        .isEqualTo("Then requests failed while the gateway proxies restarted, as the guide warns without probes");
    assertThat(outcome.error()).contains("did not see the outage");
  }

  @Test
  void theCanaryLosesRequestsWhenRemovingTheOldGatewayCutsTheNewOnesTraffic() {
    ScenarioRun.Outcome outcome = ScenarioRun.runOne("canary-upgrade.feature", "Traffic moved to the new version before "
        + "the current one is uninstalled loses no request (Canary upgrade, steps 2 to 8)", "@oss",
        Faults.none().loadBalancersBlipWhenAServiceGoes(java.time.Duration.ofMillis(300)));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).isEqualTo("Then no request failed during the upgrade");
    assertThat(outcome.error()).contains("requests failed during the upgrade")
        .contains("during \"And glooctl uninstalls the current version\"").contains("HTTP 503");
  }
}
