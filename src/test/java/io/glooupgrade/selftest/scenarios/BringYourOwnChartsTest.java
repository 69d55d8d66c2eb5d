package io.glooupgrade.selftest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.embedded.catalog.EmbeddedHelmRepository;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.faults.FaultyCharts;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code harness.gloo.repository} is honoured on the embedded target: the embedded clusters install
 * the charts that repository serves, not the embedded world's. The repository here is a mirror
 * whose 1.19.20 chart has a broken pre-upgrade script while the embedded world has no fault at all:
 * only the mirror's chart can make the upgrade fail.
 */
class BringYourOwnChartsTest {

  private static final String UPGRADE = "CRDs first, then the Helm upgrade with the values in use "
      + "(Upgrade Steps, steps 4 and 5)";

  @Test
  void theEmbeddedClustersInstallTheChartsOfTheConfiguredRepository(@TempDir Path dir) {
    try (EmbeddedHelmRepository mirror = FaultyCharts.ossRepository(
        Faults.none().hookJobScriptFails("1.19.20", "gloo-resource-migration"), dir)) {
      ScenarioRun.Outcome outcome = ScenarioRun.runOne("upgrade-steps.feature", UPGRADE, "@oss", Faults.none(),
          Map.of("harness.gloo.repository", mirror.url()));

      assertThat(outcome.passed()).isFalse();
      assertThat(outcome.failedStep()).isEqualTo("And the Helm release is upgraded to the new version with the "
          + "values in use");
      assertThat(outcome.error()).contains("Upgrade procedure failed (a Helm hook Job failed)")
          .contains("gloo-resource-migration cannot go on (injected fault: a broken script)");
    }
  }
}
