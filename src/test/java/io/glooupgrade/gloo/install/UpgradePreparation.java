package io.glooupgrade.gloo.install;

import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.checks.ProxyProbes;

import io.glooupgrade.evidence.Evidence;

/**
 * Step 1 of the Upgrade Steps guide on an installation: the latest patch of the current minor
 * first (1.1, done here, CRDs included, as the guide's own procedure for that patch), then the
 * readings the rest of step 1 asks for: the incremental path (1.2), the dependencies' versions
 * against the support table, and the gateway-proxy probes. The report is attached as evidence.
 */
public final class UpgradePreparation {

  /** What step 1 found, and the installation after it (at the latest patch, if it was not). */
  public record Report(GlooInstallation installation, String current, String latestPatch, String next,
      UpgradePath path, String kubernetesVersion, KubernetesSupport.Verdict kubernetes, String helmVersion,
      KubernetesSupport.Verdict helm, ProxyProbes.Report probes) {

    public boolean patchUpgraded() {
      return !current.equals(latestPatch);
    }

    public String output() {
      return "Preparing the upgrade of " + installation.chartReference() + " in " + installation.namespace()
          + " from " + current + " to " + next + " (Upgrade Steps, step 1)\n\n"
          + "1.1 latest patch first: " + (patchUpgraded() ? current + " is not the latest patch of its minor: upgraded"
          + " to " + latestPatch + " first" : current + " is the latest patch of its minor") + "\n"
          + "1.2 one minor at a time: " + path.describe(latestPatch, next) + "\n"
          + "Dependencies: " + kubernetes.explanation() + "; " + helm.explanation() + "\n"
          + "Avoiding downtime: " + probes.output() + "\n";
    }
  }

  private final GlooEdge gloo;

  public UpgradePreparation(GlooEdge gloo) {
    this.gloo = gloo;
  }

  /**
   * Step 1 for {@code installation} before its upgrade to {@code next}, on a cluster whose API
   * reports {@code kubernetesVersion}.
   */
  public Report prepare(GlooInstallation installation, String next, String kubernetesVersion) {
    Edition edition = installation.edition();
    UpgradePath path = new UpgradePath(edition.chartReference(), gloo.charts().offered(edition));
    String current = installation.version();
    String latestPatch = path.latestPatchOf(current).orElse(current);
    GlooInstallation prepared = installation;
    if (!path.isLatestPatch(current)) {
      gloo.applyCrdsOf(edition, latestPatch);
      prepared = gloo.releases().upgradeWithValuesInUse(installation, latestPatch);
    }
    Evidence.documentedCommand("kubectl version");
    Evidence.text(io.glooupgrade.gloo.glooctl.HarnessEquivalent.title("kubectl version",
        "the API server's version, read through the API"), "Server Version: " + kubernetesVersion);
    Evidence.text("supported versions (docs' support table)", KubernetesSupport.table());
    String helmVersion = gloo.helm().version();
    Report report = new Report(prepared, current, latestPatch, next, path, kubernetesVersion,
        KubernetesSupport.kubernetes(next, kubernetesVersion), helmVersion, KubernetesSupport.helm(next, helmVersion),
        probes(prepared.namespace()));
    Evidence.text("preparation report (step 1)", report.output());
    return report;
  }

  private ProxyProbes.Report probes(String namespace) {
    Evidence.documentedCommand("kubectl -n " + namespace + " get deployment -l gloo=gateway-proxy -o yaml"
        + "   # readinessProbe, livenessProbe, lifecycle.preStop of the Envoy container");
    return ProxyProbes.read(gloo.client(), namespace);
  }
}
