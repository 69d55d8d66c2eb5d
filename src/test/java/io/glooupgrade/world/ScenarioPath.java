package io.glooupgrade.world;

import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.evidence.compliance.PathHop;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.path.PathPlan;
import io.glooupgrade.gloo.path.PathUpgrade;
import io.glooupgrade.lifecycle.HarnessRun;
import java.util.ArrayList;
import java.util.List;

/** The documented incremental path one scenario plans and performs, and the paths routed before it. */
public final class ScenarioPath {

  private final ScenarioTarget target;
  private final List<String> routedPaths = new ArrayList<>();
  private PathPlan plan;

  public ScenarioPath(ScenarioTarget target) {
    this.target = target;
  }

  /** Notes a path routed through the gateway, which every hop must keep serving. */
  public void routed(String path) {
    routedPaths.add(path);
  }

  public void planned(PathPlan planned) {
    this.plan = planned;
  }

  public PathPlan plan() {
    if (plan == null) {
      throw new IllegalStateException("no upgrade path was planned: a step must plan it first");
    }
    return plan;
  }

  /**
   * Performs the planned path on the installation and returns it at the new version; whatever
   * happens, each hop's verdicts are attached and go to the run's compliance record.
   */
  public GlooInstallation perform(GlooInstallation installation) {
    PathUpgrade upgrade = new PathUpgrade(target.gloo(), routedPaths);
    try {
      return upgrade.perform(installation, plan());
    } finally {
      Evidence.text("upgrade path: each hop's verdicts", upgrade.table());
      HarnessRun.current().facts().upgradePath(target.scenarioId(), upgrade.verdicts().stream()
          .map(v -> new PathHop(v.hop().label(), v.step(), v.title(), v.verdict(), v.detail())).toList());
    }
  }
}
