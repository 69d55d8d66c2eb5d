package io.glooupgrade.gloo.checks;

import io.glooupgrade.gloo.glooctl.ServerVersion;
import io.glooupgrade.gloo.install.KubernetesSupport;
import io.glooupgrade.gloo.install.RemovedCrds;
import io.glooupgrade.gloo.install.UpgradePath;

import io.glooupgrade.helm.SemanticVersion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of Upgrade Steps, steps 1 to 4 (what must hold before the Helm upgrade), as verdicts
 * that fail with what a reviewer needs to act on: the version to go to first, the dependency to
 * upgrade, the resources or values to deal with.
 */
public final class PreparationVerdicts {

  private PreparationVerdicts() {
  }

  /** Step 1.2: the upgrade crosses at most one minor; otherwise it must go one minor at a time. */
  public static void atMostOneMinor(UpgradePath path, String current, String next) {
    if (SemanticVersion.parse(next).compareTo(SemanticVersion.parse(current)) < 0) {
      throw new AssertionError("the new version " + next + " is older than the current version " + current
          + ": this is a rollback, not an upgrade");
    }
    int crossed = path.minorsCrossed(current, next).orElseThrow(() -> new AssertionError("the upgrade from "
        + current + " to " + next + " changes the major version, which the Upgrade Steps guide does not cover"));
    if (crossed > 1) {
      throw new AssertionError("the upgrade from " + current + " to " + next + " skips " + (crossed - 1)
          + " minor version(s): upgrade incrementally, one minor at a time (Upgrade Steps, step 1.2):\n  "
          + path.describe(current, next));
    }
  }

  /** Step 1, upgrade dependencies: the table says the dependency's version is supported. */
  public static void supported(KubernetesSupport.Verdict verdict) {
    if (!verdict.supported()) {
      throw new AssertionError(verdict.explanation());
    }
  }

  /** Step 1, avoid downtime: the report names every gateway proxy whose probes are off. */
  public static void warnsOfProbesOff(ProxyProbes.Report report) {
    if (report.proxies().isEmpty()) {
      throw new AssertionError("no gateway-proxy Deployment (label gloo=gateway-proxy) in " + report.namespace());
    }
    List<String> unwarned = report.proxies().stream().filter(p -> !p.readiness())
        .filter(p -> report.warnings().stream().noneMatch(w -> w.startsWith(p.deployment() + ": "
            + ProxyProbes.PROBES_OFF)))
        .map(ProxyProbes.Proxy::deployment).toList();
    List<String> probed = report.proxies().stream().filter(ProxyProbes.Proxy::readiness)
        .map(ProxyProbes.Proxy::deployment).toList();
    if (!unwarned.isEmpty() || !probed.isEmpty()) {
      throw new AssertionError("expected the preparation to warn \"" + ProxyProbes.PROBES_OFF + "\" for the"
          + " gateway proxies of a default installation" + (probed.isEmpty() ? "" : "; yet " + probed
          + " run with a readiness probe, which the guide says default installations do not have")
          + (unwarned.isEmpty() ? "" : "; no warning for " + unwarned) + "\n" + report.output());
    }
  }

  /** Step 2: no CRD the new version removes still stores custom resources (deleting it would delete them). */
  public static void noRemovedCrdHoldsResources(Map<String, List<String>> stored, String next) {
    if (!stored.isEmpty()) {
      throw new AssertionError("Gloo Edge " + next + " removes CRDs that still hold custom resources, which"
          + " deleting the CRDs (step 4.2.1) would delete:\n  " + RemovedCrds.describe(stored));
    }
  }

  /** Step 4.2.1: the removed CRDs are gone from the cluster. */
  public static void noRemovedCrdLeft(List<String> left, String next) {
    if (!left.isEmpty()) {
      throw new AssertionError("CRDs that Gloo Edge " + next + " no longer has are still in the cluster: " + left
          + " (Upgrade Steps, step 4.2.1: delete any removed CRDs)");
    }
  }

  /** Step 4.4: no value in use is one the new chart no longer has (it would be ignored, or refused). */
  public static void noRemovedValueInUse(List<String> removedInUse, String next) {
    if (!removedInUse.isEmpty()) {
      throw new AssertionError("the values in use set Helm values that the chart of " + next
          + " no longer has: " + removedInUse + " (Upgrade Steps, step 4.4: edit values.yaml before upgrading)");
    }
  }

  /** Step 3.3: glooctl's client runs the new version while every server component still runs the current one. */
  public static void clientAtServerAt(ServerVersion.Report report, String clientVersion, Set<String> serverTags) {
    if (report.components().isEmpty()) {
      throw new AssertionError("glooctl version lists no server components in " + report.namespace()
          + ": Gloo is not installed there");
    }
    List<String> moved = report.components().stream().filter(c -> !serverTags.contains(c.tag()))
        .map(c -> c.name() + " (deployment " + c.deployment() + ") at " + c.tag()).toList();
    if (!report.clientVersion().equals(clientVersion) || !moved.isEmpty()) {
      throw new AssertionError("glooctl version should show the client at " + clientVersion + " and the server at "
          + String.join(" or ", new TreeSet<>(serverTags)) + (moved.isEmpty() ? "" : "; server components at"
          + " another version: " + moved) + "\n" + report.output());
    }
  }

  /** Step 3: glooctl warns exactly when its client and the server differ by a minor version. */
  public static void warnsOfMinorMismatch(ServerVersion.Report report, boolean minorsDiffer) {
    if (minorsDiffer && report.warnings().isEmpty()) {
      throw new AssertionError("glooctl version does not warn that the client " + report.clientVersion()
          + " and the server differ by a minor version:\n" + report.output());
    }
    if (!minorsDiffer && !report.warnings().isEmpty()) {
      throw new AssertionError("glooctl version warns of a minor mismatch where client and server share a minor:\n"
          + String.join("\n", report.warnings()));
    }
  }
}
