package io.glooupgrade.world;

import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.gloo.install.Petstore;
import io.glooupgrade.kube.ClusterChanges;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Gloo Edge installations one scenario works on: the one under test (the first, unless a step
 * made another current), those side by side in a canary upgrade, by namespace or version role, and
 * each Federation remote's Gloo Edge Enterprise. Installing one records its undo.
 */
public final class Installations {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final ScenarioUndo undo;
  private final Map<String, GlooInstallation> byNamespace = new LinkedHashMap<>();
  private final Map<String, GlooInstallation> byRemote = new HashMap<>();

  public Installations(ScenarioTarget target, ScenarioVersions versions, ScenarioUndo undo) {
    this.target = target;
    this.versions = versions;
    this.undo = undo;
  }

  /**
   * Installs with Helm on a cluster, recording the undo first, so that a half-done install is undone
   * too: {@code glooctl uninstall}, the namespace's deletion if the install created it, and the
   * CRDs it created.
   */
  public void install(String clusterRole, GlooInstallation installation) {
    GlooEdge gloo = target.gloo(clusterRole);
    ClusterChanges changes = undo.on(clusterRole);
    changes.namespaceAndCrdsAnInstallCreates(installation.namespace());
    changes.undoWith("glooctl uninstall -n " + installation.namespace() + ", then delete the release's leftover hooks",
        () -> gloo.releases().uninstallLeavingNothing(installation));
    gloo.releases().install(installation, Map.of());
  }

  /** The installation under test: the one installed first, unless a step made another current. */
  public GlooInstallation current() {
    if (byNamespace.isEmpty()) {
      throw new IllegalStateException("no Gloo Edge installation yet: a Given step must install it first");
    }
    return byNamespace.values().iterator().next();
  }

  /** Records the installation under test (replacing the one in the same namespace, after an upgrade). */
  public void record(GlooInstallation installation) {
    byNamespace.put(installation.namespace(), installation);
  }

  /** The installation in a namespace, as the canary guide has two side by side. */
  public GlooInstallation in(String namespace) {
    GlooInstallation installation = byNamespace.get(namespace);
    if (installation == null) {
      throw new IllegalStateException("no Gloo Edge installation in " + namespace + "; installed: "
          + byNamespace.keySet());
    }
    return installation;
  }

  /** The installation of a version the canary guide names, in that version's namespace. */
  public GlooInstallation of(VersionRole role) {
    return in(versions.namespaceOf(role));
  }

  /** Forgets an installation that was uninstalled. */
  public void forget(String namespace) {
    byNamespace.remove(namespace);
  }

  /** Records the Gloo Edge Enterprise a Federation remote runs. */
  public void onRemote(String remote, GlooInstallation installation) {
    byRemote.put(remote, installation);
  }

  /** The Gloo Edge Enterprise a Federation remote runs: its namespace (gateway, glooctl check) and version. */
  public GlooInstallation ofRemote(String remote) {
    GlooInstallation gloo = byRemote.get(remote);
    if (gloo == null) {
      throw new IllegalStateException("no Gloo Edge Enterprise was installed on " + remote + " in this scenario");
    }
    return gloo;
  }

  /**
   * Applies the docs' petstore and its route {@code path} through the gateway of the installation
   * under test, deleted when the scenario ends; returns the gateway's address.
   */
  public URI routePetstore(String path) {
    String namespace = current().namespace();
    undo.onDefault().created(Petstore.route(target.gloo().client(), namespace, path));
    return target.gloo().glooctl().proxyUrl(namespace);
  }
}
