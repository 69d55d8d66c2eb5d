package io.glooupgrade.gloo.canary;

import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.checks.UninstallRemains;
import io.glooupgrade.gloo.checks.UpgradeVerdicts;
import io.glooupgrade.gloo.glooctl.GlooctlInstall;
import io.glooupgrade.gloo.glooctl.HarnessEquivalent;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.gloo.install.Petstore;

import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.kube.ClusterChanges;
import io.glooupgrade.traffic.RouteCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions and checks of the canary guide (Open Source or Enterprise, and its rollback) on one
 * cluster, where two Gloo Edge installations run side by side, each in its own namespace and
 * each with its own gateway.
 */
public final class CanaryUpgrade {

  /** The name of the docs' VirtualService for the petstore ({@code samples/all-pets-virtualservice.yaml}). */
  private static final String PETSTORE_VIRTUAL_SERVICE = "default";

  private final GlooEdge gloo;
  private final ClusterChanges changes;
  // In the order of the uninstalls: the latest last.
  private final Map<String, UninstallRemains> uninstalled = new LinkedHashMap<>();

  /** @param changes where every creation's undo goes, so that a scenario leaves nothing behind */
  public CanaryUpgrade(GlooEdge gloo, ClusterChanges changes) {
    this.gloo = gloo;
    this.changes = changes;
  }

  /** Step 2: {@code helm repo add}, {@code helm repo update}, {@code helm pull ALIAS/CHART --version V --untar}. */
  public void pullChart(Edition edition, String version) {
    gloo.charts().add(edition);
    gloo.helm().pull(edition.repository(), edition.chart(), version);
  }

  /** Step 4 (rollback: step 2.2): {@code glooctl install gateway [enterprise]} of a version in its own namespace. */
  public GlooInstallation installBeside(Edition edition, String version) {
    GlooInstallation installation = gloo.charts().installation(edition, CanaryNamespace.of(version), version);
    new GlooctlInstall(gloo).run(installation, changes);
    return installation;
  }

  /**
   * Step 5: {@code kubectl get all} in each namespace, and each installation's Deployments rolled
   * out with every pod at its version (waiting, bounded, as a person would watch them come up).
   */
  public void awaitRunning(List<GlooInstallation> installations) {
    List<String> notRunning = new ArrayList<>();
    for (GlooInstallation installation : installations) {
      try {
        gloo.releases().awaitRolledOut(installation);
        UpgradeVerdicts.everyPodRuns(installation.namespace(), gloo.releases().glooPods(installation.namespace()),
            installation.imageTags());
      } catch (AssertionError e) {
        notRunning.add("Gloo Edge " + installation.edition().displayName() + " " + installation.version() + " in "
            + installation.namespace() + " is not running: " + e.getMessage());
      }
    }
    for (GlooInstallation installation : installations) {
      Evidence.documentedCommand("kubectl get all -n " + installation.namespace());
      HarnessEquivalent.attach("kubectl get all -n " + installation.namespace(),
          "what the API lists",
          NamespaceListing.of(gloo.client(), installation.namespace()));
    }
    if (!notRunning.isEmpty()) {
      throw new AssertionError(String.join("\n", notRunning));
    }
  }

  /**
   * Step 6: the docs' petstore VirtualService (in the namespace the current version was installed
   * in) gains a route at {@code path} with the retry options of the new version.
   */
  public void changeRouteFor(GlooInstallation current, GlooInstallation newer, String path) {
    CanaryRoute route = petstoreRoute(current);
    changes.undoWith(route.editCommand() + "   # remove the route " + path, () -> route.removeIfPresent(path));
    route.add(newer, path);
  }

  /** Rollback step 3: the route added for the new version is removed again. */
  public void revertRoute(GlooInstallation current, String path) {
    petstoreRoute(current).remove(path);
  }

  /**
   * The canary guide's steps 2 to 8 in one go, for a rollback to start from: the new version
   * installed beside the current one, proven, given the route {@code changedPath}, and the current
   * version uninstalled. Returns the new installation.
   */
  public GlooInstallation completeTo(GlooInstallation current, String newVersion, String changedPath) {
    pullChart(current.edition(), newVersion);
    gloo.applyCrdsOf(current.edition(), newVersion);
    GlooInstallation newer = installBeside(current.edition(), newVersion);
    awaitRunning(List.of(current, newer));
    changeRouteFor(current, newer, changedPath);
    servesThePets(newer, changedPath);
    uninstall(current);
    leftOnlyWhatUninstallKeeps(current);
    return newer;
  }

  /** Step 7: a route test through one installation's own gateway: both of the docs' pets come back. */
  public void servesThePets(GlooInstallation installation, String path) {
    String whose = "the gateway of Gloo Edge " + installation.version() + " (" + installation.namespace() + ")";
    try {
      Petstore.awaitListed(gloo.glooctl().proxyUrl(installation.namespace()), path, whose);
    } catch (AssertionError e) {
      throw new AssertionError(whose + " does not serve the petstore at " + path + ": " + e.getMessage(), e);
    }
  }

  /** Rollback step 3 verified: the route removed from the configuration is gone from the gateway too. */
  public void doesNotRoute(GlooInstallation installation, String path) {
    try {
      RouteCheck.awaitNotRouted(gloo.glooctl().proxyUrl(installation.namespace()), path);
    } catch (AssertionError e) {
      throw new AssertionError("the gateway of Gloo Edge " + installation.version() + " (" + installation.namespace()
          + ") still routes " + path + ", which the rollback reverted: " + e.getMessage(), e);
    }
  }

  /** Step 7: {@code glooctl check} for one installation, polled until statuses settle. */
  public void checkReportsNoProblems(GlooInstallation installation) {
    UpgradeVerdicts.noProblems(gloo.glooctl().checkOnceSettled(installation.namespace()));
  }

  private CanaryRoute petstoreRoute(GlooInstallation routedBy) {
    return new CanaryRoute(gloo.client(), routedBy.namespace(), PETSTORE_VIRTUAL_SERVICE);
  }

  /** Step 8 (rollback: step 5): {@code glooctl uninstall -n NS}, remembering what it must leave. */
  public void uninstall(GlooInstallation installation) {
    UninstallRemains remains = UninstallRemains.before(gloo.client(), installation.namespace());
    gloo.glooctl().uninstall(installation);
    uninstalled.remove(installation.namespace());
    uninstalled.put(installation.namespace(), remains);
  }

  /** After {@link #uninstall}: the Deployments are gone; the namespace, CRDs and custom resources remain. */
  public void leftOnlyWhatUninstallKeeps(GlooInstallation installation) {
    uninstalled(installation).verify();
  }

  /** What the latest {@code glooctl uninstall} must have left. */
  public UninstallRemains lastUninstalled() {
    if (uninstalled.isEmpty()) {
      throw new IllegalStateException("no Gloo Edge was uninstalled yet");
    }
    return List.copyOf(uninstalled.values()).get(uninstalled.size() - 1);
  }

  /** What {@code glooctl uninstall} of an installation must leave, and must remove, to be checked. */
  public UninstallRemains uninstalled(GlooInstallation installation) {
    UninstallRemains remains = uninstalled.get(installation.namespace());
    if (remains == null) {
      throw new IllegalStateException("Gloo Edge was not uninstalled from " + installation.namespace() + " yet");
    }
    return remains;
  }
}
