package io.glooupgrade.world;

import io.glooupgrade.gloo.path.PathPlan;
import io.glooupgrade.gloo.path.PathUpgrade;
import java.util.ArrayList;
import java.util.List;

/** The documented incremental path one scenario plans and performs, and the paths routed before it. */
public final class ScenarioPath {

  private final ScenarioTarget target;
  private final List<String> routedPaths = new ArrayList<>();
  private PathPlan plan;
  private PathUpgrade upgrade;

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
      throw new IllegalStateException("no upgrade path was planned: a When step must plan it first");
    }
    return plan;
  }

  /** The performer of the path on the default cluster, made once. */
  public PathUpgrade upgrade() {
    if (upgrade == null) {
      upgrade = new PathUpgrade(target.gloo(), routedPaths);
    }
    return upgrade;
  }
}
