package io.glooupgrade.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.fabric8.kubernetes.api.model.Pod;
import io.glooupgrade.gloo.CrdCheck;
import io.glooupgrade.gloo.GlooPods;
import io.glooupgrade.gloo.ServerVersion;
import java.util.List;

/** What must hold after a documented step: CRDs, image tags, server versions. */
public final class VerificationSteps {

  private final ScenarioState state;

  public VerificationSteps(ScenarioState state) {
    this.state = state;
  }

  @Then("glooctl check-crds against the new version reports that all CRDs are up to date")
  public void crdsMatchTheNewVersion() {
    assertCrdsUpToDate(state.settings().newVersion());
  }

  @Then("glooctl check-crds reports that all CRDs are up to date")
  public void crdsMatchTheServerVersion() {
    assertCrdsUpToDate(state.gloo().serverVersion(state.installation().namespace()));
  }

  @Then("every Gloo Edge pod runs the image tag of the new version")
  public void everyPodRunsTheNewImageTag() {
    String version = state.settings().newVersion();
    List<Pod> pods = state.gloo().glooPods(state.installation().namespace());
    assertThat(pods).as("Gloo Edge pods in %s", state.installation().namespace()).isNotEmpty();
    assertThat(pods).as("every Gloo Edge pod runs image tag %s", version)
        .allSatisfy(p -> assertThat(GlooPods.runsTag(p, version))
            .as("pod %s runs %s", p.getMetadata().getName(), p.getSpec().getContainers().stream()
                .map(c -> c.getImage()).toList())
            .isTrue());
  }

  @Then("glooctl version reports the new version for every server component")
  public void glooctlVersionReportsTheNewVersion() {
    String version = state.settings().newVersion();
    ServerVersion.Report report = state.gloo().version(state.installation().namespace(), version);
    assertThat(report.components()).as("server components of glooctl version").isNotEmpty();
    assertThat(report.components()).as("glooctl version:\n%s", report.output())
        .allSatisfy(c -> assertThat(c.tag()).as("tag of %s", c.name()).isEqualTo(version));
    assertThat(report.warnings()).as("client/server version warnings").isEmpty();
  }

  private void assertCrdsUpToDate(String version) {
    CrdCheck.Result result = state.gloo().checkCrds(state.installation().namespace(), version);
    if (!result.upToDate()) {
      throw new AssertionError("glooctl check-crds (chart version " + version + "): " + result.output());
    }
  }
}
