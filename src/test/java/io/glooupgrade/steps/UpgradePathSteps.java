package io.glooupgrade.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import io.glooupgrade.evidence.Encodes;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.install.ChartRepository;
import io.glooupgrade.gloo.install.UpgradePath;
import io.glooupgrade.gloo.path.PathPlan;
import io.glooupgrade.world.Installations;
import io.glooupgrade.world.ScenarioPath;
import io.glooupgrade.world.ScenarioTarget;
import io.glooupgrade.world.ScenarioVersions;

/** The documented incremental path (Upgrade Steps, step 1), planned from the repository and performed hop by hop. */
public final class UpgradePathSteps {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final Installations installations;
  private final ScenarioPath path;

  public UpgradePathSteps(ScenarioTarget target, ScenarioVersions versions, Installations installations,
      ScenarioPath path) {
    this.target = target;
    this.versions = versions;
    this.installations = installations;
    this.path = path;
  }

  @Encodes(performs = "1.2")
  @Given("the documented path from the current to the new version is planned")
  public void thePathIsPlanned() {
    Edition edition = target.edition();
    ChartRepository charts = target.gloo().charts();
    charts.add(edition);
    Evidence.documentedCommand("helm search repo " + edition.chartReference() + " --versions");
    UpgradePath offered = new UpgradePath(edition.chartReference(), charts.offered(edition));
    // Planned before anything is installed: a path the repository cannot offer changes nothing.
    PathPlan plan = PathPlan.of(offered, edition.chartReference(), versions.current(), versions.next());
    Evidence.text("upgrade path", plan.describe());
    path.planned(plan);
  }

  @Encodes(verifies = {"1.1", "1.2"},
      observation = "after each hop's Helm upgrade: the image of every gloo pod, glooctl check's reading of the "
          + "statuses and the routes' answers through the gateway, read from the cluster")
  @When("every hop of the path is performed: review, CRDs, Helm upgrade with the values in use, rollout, glooctl "
      + "check and routes")
  public void everyHopIsPerformed() {
    installations.record(path.perform(installations.current()));
  }
}
