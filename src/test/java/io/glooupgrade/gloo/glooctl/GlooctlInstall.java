package io.glooupgrade.gloo.glooctl;

import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.MissingLicenceKeyException;
import io.glooupgrade.gloo.install.GlooEdge;

import io.glooupgrade.evidence.Evidence;

import java.util.List;
import io.glooupgrade.helm.HelmRelease;
import io.glooupgrade.kube.ClusterChanges;

/**
 * {@code glooctl install gateway [enterprise] --create-namespace -n NS --version V
 * [--license-key KEY]}, with glooctl's semantics (GLOO_FACTS.md, and glooctl's installer): it
 * refuses a namespace that already holds the release {@code gloo}, creates the namespace, and
 * runs a Helm install of release {@code gloo} of the edition's chart with {@code crds.create=false}
 * (the chart's {@code crds/} folder is applied by Helm itself). It does not wait for the rollout:
 * the canary guide checks that both versions run as a step of its own.
 *
 * <p>Enterprise needs a licence key. glooctl passes an empty one on and the Enterprise pods then
 * crash-loop; this refuses before any change instead, saying what is missing.
 *
 * <p>Where the run configures a glooctl binary, that binary does the install instead.
 */
public final class GlooctlInstall {

  private final GlooEdge gloo;

  public GlooctlInstall(GlooEdge gloo) {
    this.gloo = gloo;
  }

  /**
   * Installs, recording in {@code changes} how to remove what it creates (the namespace, the release)
   * as soon as it is created, so that even a half-done install is cleaned up.
   */
  public void run(GlooInstallation installation, ClusterChanges changes) {
    Edition edition = installation.edition();
    if (edition == Edition.FEDERATION) {
      throw new IllegalArgumentException("glooctl install gateway installs Gloo Edge OSS or Enterprise; the guides "
          + "install Gloo Edge Federation with helm install gloo-fed gloo-fed/gloo-fed");
    }
    String namespace = installation.namespace();
    String command = command(installation) + gloo.releases().siteValues().map(file -> " --values " + file.getFileName())
        .orElse("");
    if (edition.licensed() && installation.licence().isEmpty()) {
      throw new MissingLicenceKeyException("glooctl install gateway enterprise needs a Gloo Edge Enterprise licence "
          + "key (--license-key $LICENSE_KEY), and none is set: set the environment variable LICENSE_KEY, or "
          + "request a trial at https://www.solo.io/gloo-trial. Nothing was installed in " + namespace + ".");
    }
    if (gloo.glooctl().binary().isPresent()) {
      undoUninstalling(installation, changes);
      GlooctlCommand withSiteValues = gloo.releases().siteValues().map(file -> glooctlCommand(installation)
          .with("--values", file.toAbsolutePath().toString())).orElseGet(() -> glooctlCommand(installation));
      gloo.glooctl().binary().get().runOrFail(withSiteValues, List.of(gloo.cluster()));
      return;
    }
    Evidence.standInFor(command);
    StringBuilder output = new StringBuilder();
    if (gloo.helm().list(namespace).stream().anyMatch(r -> r.getName().equals(edition.release()))) {
      throw new IllegalStateException("installing Gloo " + (edition.licensed() ? "Enterprise " : "")
          + "in gateway mode: Gloo has already been installed to namespace " + namespace);
    }
    if (changes.createNamespace(namespace)) {
      output.append("Namespace ").append(namespace).append(" created through the API (it did not exist)\n");
    }
    undoUninstalling(installation, changes);
    HelmRelease release = gloo.releases().withSiteValues(release(installation));
    gloo.helm().install(release);
    output.append("Helm install (attached above): ").append(release).append('\n');
    HarnessEquivalent.attach(command, "what was done", output.toString());
  }

  /** The command the configured glooctl runs: the guide's, the licence key passed on but never shown. */
  static GlooctlCommand glooctlCommand(GlooInstallation installation) {
    Edition edition = installation.edition();
    GlooctlCommand command = edition.licensed()
        ? GlooctlCommand.of("install", "gateway", "enterprise") : GlooctlCommand.of("install", "gateway");
    command = command.with("--create-namespace", "-n", installation.namespace(), "--version", installation.version());
    if (edition.licensed()) {
      command = command.withSecret("--license-key", installation.licence().orElseThrow().value());
    }
    return command;
  }

  /** The command as the guide writes it, the licence key masked. */
  public static String command(GlooInstallation installation) {
    return "glooctl install gateway" + (installation.edition().licensed() ? " enterprise" : "")
        + " --create-namespace -n " + installation.namespace() + " --version " + installation.version()
        + (installation.edition().licensed() ? " --license-key ********" : "");
  }

  // glooctl turns off the chart's Helm-2-era CRD templates; an Enterprise chart has them under gloo.
  private static HelmRelease release(GlooInstallation installation) {
    return installation.helmRelease().withSet(installation.edition() == Edition.ENTERPRISE ? "gloo.crds.create"
        : "crds.create", "false");
  }

  private void undoUninstalling(GlooInstallation installation, ClusterChanges changes) {
    changes.undoWith("glooctl uninstall -n " + installation.namespace() + ", then delete the release's leftover hooks",
        () -> gloo.releases().uninstallLeavingNothing(installation));
  }
}
