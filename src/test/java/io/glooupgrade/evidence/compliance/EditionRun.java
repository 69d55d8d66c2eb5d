package io.glooupgrade.evidence.compliance;

import io.glooupgrade.config.UpgradeVersions;
import java.util.List;
import java.util.Map;

/**
 * One edition's share of a run, which gets its own record: the edition, its versions, the
 * scenarios of that edition that ran and the target each ran against (by scenario id), and why
 * the run was cut short (null unless it was interrupted).
 */
public record EditionRun(String edition, UpgradeVersions versions, List<ScenarioOutcome> scenarios,
    Map<String, TargetIdentity> targets, Map<String, List<PathHop>> paths, String interrupted) {

  /** A run that was not interrupted, and performed no incremental path. */
  public EditionRun(String edition, UpgradeVersions versions, List<ScenarioOutcome> scenarios,
      Map<String, TargetIdentity> targets) {
    this(edition, versions, scenarios, targets, Map.of(), null);
  }

  /** The record's folder name, e.g. {@code oss-1.18.41-to-1.19.20}. */
  public String folderName() {
    return (edition + "-" + versions.current() + "-to-" + versions.next()).replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
