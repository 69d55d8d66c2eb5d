package io.glooupgrade.selftest.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import io.glooupgrade.kube.TargetUnreachableException;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The k3s target, for pipelines with Docker: the run starts k3s (Testcontainers) and the suite's
 * scenarios install the current version from the public Helm repositories. That test is opt-in
 * (-Dharness.k3s.selftest=true: it needs Docker and internet access); otherwise JUnit reports it
 * skipped, with the reason. Without a Docker engine (as on the development machine) the
 * resolver's refusal is what is tested instead.
 */
class K3sTargetTest {

  private static final Map<String, String> K3S = Map.of("harness.target", "k3s");

  @Test
  void k3sStartsAndAScenarioRunsOnItFromThePublicRepositories() {
    // Opt-in: it pulls k3s, Gloo's images and the public charts, which a machine without Docker or
    // internet access (this one, and CI) cannot.
    Assumptions.assumeTrue(Boolean.getBoolean("harness.k3s.selftest"),
        "skipped: run with -Dharness.k3s.selftest=true on a machine with Docker and internet access; Docker "
            + (DockerClientFactory.instance().isDockerAvailable() ? "answers here" : "does not answer here"));
    try (Target target = TargetResolver.resolve(HarnessSettings.from(K3S))) {
      assertThat(target.kind()).isEqualTo("k3s");
      assertThat(target.kubernetesVersion()).startsWith("v1.31.4");
    }
    // A real cluster pulls real images: the harness's own timeouts, not the self-tests' short ones.
    ScenarioRun.Outcome outcome = ScenarioRun.runOne("upgrade-steps.feature",
        "CRDs first, then the Helm upgrade with the values in use (Upgrade Steps, steps 4 and 5)", "@oss",
        Faults.none(), Map.of("harness.target", "k3s", "harness.timeout.rollout", "600", "harness.timeout.check", "90",
            "harness.timeout.route", "60"));
    assertThat(outcome.passed()).as("%s: %s", outcome.failedStep(), outcome.error()).isTrue();
  }

  @Test
  void withoutDockerTheK3sTargetIsRefusedSayingWhy() {
    Assumptions.assumeFalse(DockerClientFactory.instance().isDockerAvailable(),
        "a Docker engine answers here: the k3s test above runs instead");
    assertThatThrownBy(() -> TargetResolver.resolve(HarnessSettings.from(K3S)))
        .isInstanceOf(TargetUnreachableException.class)
        .hasMessageContaining("no Docker engine answers here").hasMessageContaining("harness.target=embedded");
  }
}
