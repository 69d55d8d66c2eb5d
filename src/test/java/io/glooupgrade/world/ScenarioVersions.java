package io.glooupgrade.world;

import io.glooupgrade.config.UpgradeVersions;
import io.glooupgrade.evidence.compliance.ScenarioFacts;
import io.glooupgrade.evidence.compliance.TargetIdentity;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.canary.CanaryNamespace;
import io.glooupgrade.gloo.install.ChartRepository;
import io.glooupgrade.gloo.install.UpgradePath;
import io.glooupgrade.lifecycle.HarnessRun;
import java.util.List;
import java.util.Locale;

/**
 * The versions of one scenario's edition: current, $NEW_VERSION and $ROLLBACK_VERSION. Words
 * (installed, previous-minor, latest) are resolved once, on the cluster or in the edition's
 * repository ({@code helm search repo --versions}, attached to the report).
 */
public final class ScenarioVersions {

  private final ScenarioTarget target;
  private UpgradeVersions resolved;
  private UpgradePath offered;

  public ScenarioVersions(ScenarioTarget target) {
    this.target = target;
  }

  public UpgradeVersions all() {
    UpgradeVersions configured = target.settings().versionsOf(target.edition());
    if (!configured.needsResolving()) {
      return configured;
    }
    if (resolved == null) {
      resolved = configured.resolved(
          () -> target.gloo().releases().installedVersion(target.edition(), GlooInstallation.DEFAULT_NAMESPACE),
          () -> offered().newest(), next -> offered().latestPatchOfPreviousMinor(next));
    }
    return resolved;
  }

  public String current() {
    return all().current();
  }

  public String next() {
    return all().next();
  }

  public String rollback() {
    return all().rollback();
  }

  public String of(VersionRole role) {
    return role.version(all());
  }

  /** The namespace the canary guide installs a version into. */
  public String namespaceOf(VersionRole role) {
    return role.namespace(all());
  }

  /**
   * The guide's namespace names with its variables filled in, gloo-system-$NEW_VERSION and
   * gloo-system-$ROLLBACK_VERSION, as namespace names allow them (dots as dashes).
   */
  public String namespace(String guideName) {
    return guideName.replace("gloo-system-$NEW_VERSION", CanaryNamespace.of(next()))
        .replace("gloo-system-$ROLLBACK_VERSION", CanaryNamespace.of(rollback()));
  }

  /**
   * Notes what ran against which cluster, for the report's environment and the compliance record;
   * the licence key only to keep it out of the record.
   */
  public void recordFacts() {
    HarnessRun run = HarnessRun.current();
    target.target().licenceKey().ifPresent(key -> run.facts().secret(key.value()));
    ScenarioFacts facts = new ScenarioFacts(target.edition().name().toLowerCase(Locale.ROOT), all(),
        TargetIdentity.of(target.target()));
    run.environment().record(facts);
    run.facts().record(target.scenarioId(), facts);
  }

  private UpgradePath offered() {
    if (offered == null) {
      Edition edition = target.edition();
      ChartRepository charts = target.gloo().charts();
      charts.add(edition);
      List<String> versions = charts.offered(edition);
      if (versions.isEmpty()) {
        throw new IllegalStateException("the repository of " + edition.chartReference() + " offers no version: "
            + "'latest' and 'previous-minor' have nothing to choose from");
      }
      offered = new UpgradePath(edition.chartReference(), versions);
    }
    return offered;
  }
}
