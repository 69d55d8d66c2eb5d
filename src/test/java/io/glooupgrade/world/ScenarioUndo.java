package io.glooupgrade.world;

import io.glooupgrade.kube.CleanupStack;
import io.glooupgrade.kube.ClusterChanges;

/**
 * What one scenario changed on its clusters, undone newest first when it ends, failed or not. Each
 * change records its own undo through {@link #on}, the one way to change a cluster in a scenario.
 */
public final class ScenarioUndo {

  private final CleanupStack stack = new CleanupStack();
  private final ScenarioTarget target;

  public ScenarioUndo(ScenarioTarget target, ScenarioEnd end) {
    this.target = target;
    end.onEnd(ScenarioEnd.Phase.UNDO, stack::runAll);
  }

  /** The changes on a cluster, by role. */
  public ClusterChanges on(String clusterRole) {
    return new ClusterChanges(stack, target.gloo(clusterRole).client(), target.context(clusterRole));
  }

  /** The changes on the default cluster (Federation: the management cluster). */
  public ClusterChanges onDefault() {
    return on(target.defaultRole());
  }
}
