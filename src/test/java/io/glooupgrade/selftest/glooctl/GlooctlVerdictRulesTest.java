package io.glooupgrade.selftest.glooctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.gloo.glooctl.GlooctlAgreement;
import io.glooupgrade.gloo.glooctl.GlooctlRun;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How glooctl's own verdict is read from what it printed, each rule made to fail once. */
class GlooctlVerdictRulesTest {

  private static GlooctlRun run(String command, int exit, String stdout) {
    return new GlooctlRun(command, exit, stdout, "");
  }

  @Test
  void checkPassesOnlyWithExitZeroAndGlooctlsNoProblemsLine() {
    assertThat(GlooctlAgreement.checkPasses(run("glooctl check", 0, "Checking Proxies... OK\nNo problems detected.\n")))
        .isTrue();
    // -o json exits 0 even with errors (GLOO_FACTS.md): exit 0 alone is no pass.
    assertThat(GlooctlAgreement.checkPasses(run("glooctl check", 0, "Checking Proxies... 1 Errors!\n"))).isFalse();
    assertThat(GlooctlAgreement.checkPasses(run("glooctl check", 1, "No problems detected.\n"))).isFalse();
  }

  @Test
  void checkCrdsPassesOnlyWithExitZeroAndAllCrdsUpToDate() {
    assertThat(GlooctlAgreement.checkCrdsPasses(run("glooctl check-crds", 0, "All CRDs are up to date\n"))).isTrue();
    assertThat(GlooctlAgreement.checkCrdsPasses(run("glooctl check-crds", 0,
        "Diffs detected on the following CRDs:\nupstreams.gloo.solo.io\n"))).isFalse();
  }

  @Test
  void aVersionThatDoesNotNameAServerTagTheHarnessFindsIsADisagreement() {
    GlooctlRun stale = run("glooctl version -n gloo-system", 0, "Server: {\"Tag\":\"1.18.41\",\"Name\":\"gloo\"}");
    assertThatThrownBy(() -> GlooctlAgreement.requireVersion(stale, Set.of("1.19.20"), "gloo at 1.19.20"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("glooctl and the harness disagree on `glooctl version -n gloo-system`")
        .hasMessageContaining("\"Tag\":\"1.18.41\"").hasMessageContaining("gloo at 1.19.20");
    GlooctlAgreement.requireVersion(stale, Set.of("1.18.41"), "gloo at 1.18.41");
  }

  @Test
  void whenBothFindAProblemTheNonZeroExitFailsTheStepQuotingGlooctl() {
    GlooctlRun failing = run("glooctl check -n gloo-system", 1, "Checking Deployments... 1 Errors!\n");
    assertThatThrownBy(() -> GlooctlAgreement.require(failing, false, false, "harness: gloo not ready"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("`glooctl check -n gloo-system` failed with exit code 1:")
        .hasMessageContaining("Checking Deployments... 1 Errors!").hasMessageContaining("harness: gloo not ready");
  }
}
