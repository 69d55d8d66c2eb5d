package io.glooupgrade.gloo.install;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.evidence.ObjectChange;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.glooctl.Glooctl;
import io.glooupgrade.helm.HelmRelease;
import io.glooupgrade.helm.HelmService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Gloo Edge's Helm releases on one cluster: installed, upgraded with the values in use (Upgrade
 * Steps, steps 4.3 and 5), found, and removed leaving nothing behind; every install or upgrade
 * waits for the rollout.
 */
public final class HelmReleases {

  private final KubernetesClient client;
  private final String contextName;
  private final HelmService helm;
  private final Path workDir;
  private final Optional<Path> siteValues;
  private final ChartRepository charts;
  private final Glooctl glooctl;

  HelmReleases(KubernetesClient client, String contextName, HelmService helm, Path workDir, Optional<Path> siteValues,
      ChartRepository charts, Glooctl glooctl) {
    this.client = client;
    this.contextName = contextName;
    this.helm = helm;
    this.workDir = workDir;
    this.siteValues = siteValues;
    this.charts = charts;
    this.glooctl = glooctl;
  }

  /** The site's values file every install gets (harness.values.file), if one is configured. */
  public Optional<Path> siteValues() {
    return siteValues;
  }

  /** The release with the site's values file ({@code -f FILE}), if one is configured. */
  public HelmRelease withSiteValues(HelmRelease release) {
    return siteValues.map(release::withValues).orElse(release);
  }

  /**
   * {@code helm install gloo gloo/gloo -n NS --create-namespace --version V [--set K=V ...]}, then
   * waits for the rollout.
   */
  public void install(GlooInstallation installation, Map<String, String> values) {
    HelmRelease release = withSiteValues(installation.helmRelease());
    for (Map.Entry<String, String> value : values.entrySet()) {
      release = release.withSet(value.getKey(), value.getValue());
    }
    helm.install(release);
    awaitRolledOut(installation);
  }

  /**
   * Upgrade Steps, step 1 ("Consider settings to avoid downtime"): turns on the gateway-proxy's
   * readiness and liveness probes with a Helm upgrade at the installed version, keeping the values
   * in use, and waits for the proxies to roll out with them.
   */
  public void enableProxyProbes(GlooInstallation installation) {
    String prefix = installation.edition().ossValuesPrefix() + "gatewayProxies.gatewayProxy.";
    helm.upgrade(installation.helmRelease().withValues(valuesInUse(installation))
        .withSet(prefix + "podTemplate.probes", "true").withSet(prefix + "podTemplate.livenessProbeEnabled", "true"));
    awaitRolledOut(installation);
  }

  /**
   * Step 4.3 and 5.1: {@code helm get values} into values.yaml, then {@code helm upgrade ... -f
   * values.yaml}, then waits for every component to roll out at the new version. An upgrade that
   * fails on the completed, immutable gateway-certgen Job is applied again once the Job is deleted,
   * as the guide's note in step 5 says.
   */
  public GlooInstallation upgradeWithValuesInUse(GlooInstallation installation, String newVersion) {
    Path valuesFile = valuesInUse(installation);
    GlooInstallation upgraded = installation.at(newVersion, charts.ossVersionOf(installation.edition(), newVersion));
    String before = deployments(installation.namespace());
    new CompletedCertgenJob(client, installation.namespace())
        .upgradeDeletingItIfImmutable(() -> helm.upgrade(upgraded.helmRelease().withValues(valuesFile)));
    awaitRolledOut(upgraded);
    ObjectChange.attach("Deployments in " + installation.namespace(), before, deployments(installation.namespace()));
    return upgraded;
  }

  /**
   * The chart version of the edition's release already installed in a namespace
   * ({@code helm list -n NS}), found by its release and chart name.
   */
  public String installedVersion(Edition edition, String namespace) {
    String chartPrefix = edition.chart() + "-";
    List<com.marcnuri.helm.Release> releases = helm.list(namespace);
    return releases.stream()
        .filter(r -> r.getName().equals(edition.release()) && r.getChart().startsWith(chartPrefix))
        .findFirst()
        .map(r -> r.getChart().substring(chartPrefix.length()))
        .orElseThrow(() -> new IllegalStateException("no " + edition.chart() + " release named '" + edition.release()
            + "' is installed in " + namespace + " on context " + contextName + "; releases there: "
            + releases.stream().map(r -> r.getName() + " (" + r.getChart() + ", " + r.getStatus() + ")").toList()
            + ". Install Gloo Edge first, or run the scenarios that install it (not tagged @installed-release)"));
  }

  /**
   * The undo of an installation the harness made: {@code glooctl uninstall} when the release is
   * still there, then the cluster-scoped hook objects Helm leaves behind (webhook configuration,
   * certgen RBAC).
   */
  public void uninstallLeavingNothing(GlooInstallation installation) {
    boolean present = helm.list(installation.namespace()).stream()
        .anyMatch(r -> r.getName().equals(installation.edition().release()));
    try {
      if (present) {
        glooctl.uninstall(installation);
      }
    } catch (AssertionError glooctlFailed) {
      // A cleanup must leave nothing behind, even where the configured glooctl fails: Helm does it.
      Evidence.text("cleanup: the configured glooctl could not uninstall " + installation.namespace(),
          glooctlFailed.getMessage() + "\n\nThe release is uninstalled with Helm instead.");
      helm.uninstall(installation.namespace(), installation.edition().release());
    }
    HookLeftovers.delete(client, installation.namespace());
  }

  /** {@code kubectl -n NS get pod -l gloo} with each pod's images. */
  public List<Pod> glooPods(String namespace) {
    Evidence.documentedCommand("kubectl -n " + namespace
        + " get pod -l gloo -o jsonpath='{range .items[*]}{.metadata.name} {.spec.containers[*].image}{\"\\n\"}{end}'");
    List<Pod> running = new GlooPods(client, namespace).running();
    Evidence.text("gloo pods and images", running.stream().map(p -> p.getMetadata().getName() + " "
        + p.getSpec().getContainers().stream().map(c -> c.getImage()).collect(Collectors.joining(" ")))
        .collect(Collectors.joining("\n")));
    return running;
  }

  /** Waits until every Deployment of the installation rolled out (which version its pods run is checked apart). */
  public void awaitRolledOut(GlooInstallation installation) {
    new GlooPods(client, installation.namespace()).awaitRolledOut();
  }

  /** {@code helm get values -n NS RELEASE CHART > values.yaml}: the file, in this scenario's work folder. */
  private Path valuesInUse(GlooInstallation installation) {
    String values = helm.getValues(installation.namespace(), installation.edition().release(),
        installation.chartReference());
    try {
      return Files.writeString(workDir.resolve("values.yaml"), values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Each Deployment with its replicas and images: what an upgrade changes, one line per container.
  private String deployments(String namespace) {
    return client.apps().deployments().inNamespace(namespace).list().getItems().stream()
        .sorted(Comparator.comparing(d -> d.getMetadata().getName()))
        .map(d -> d.getMetadata().getName() + " (replicas " + d.getSpec().getReplicas() + "):\n"
            + d.getSpec().getTemplate().getSpec().getContainers().stream().map(c -> "  " + c.getName() + ": "
            + c.getImage()).collect(Collectors.joining("\n")))
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
