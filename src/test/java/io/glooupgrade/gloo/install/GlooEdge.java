package io.glooupgrade.gloo.install;

import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.federation.Federation;
import io.glooupgrade.gloo.glooctl.CrdCheck;
import io.glooupgrade.gloo.glooctl.GlooctlCheck;
import io.glooupgrade.gloo.glooctl.ServerVersion;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.evidence.ObjectChange;
import io.glooupgrade.gloo.glooctl.GlooctlAgreement;
import io.glooupgrade.gloo.glooctl.GlooctlBinary;
import io.glooupgrade.gloo.glooctl.GlooctlCommand;
import io.glooupgrade.gloo.glooctl.GlooctlRun;
import io.glooupgrade.gloo.glooctl.HarnessEquivalent;
import io.glooupgrade.helm.HelmRelease;
import io.glooupgrade.helm.HelmService;
import io.glooupgrade.helm.PulledChart;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.helm.UnknownChartVersionException;
import io.glooupgrade.kube.Target;
import io.glooupgrade.traffic.GatewayAddress;
import io.glooupgrade.kube.WaitTimeout;
import io.glooupgrade.kube.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;
import java.util.stream.Collectors;

/**
 * The documented Gloo Edge actions on one target: Helm installs and upgrades, applying a
 * version's CRDs, and the glooctl commands the guides use: run by the configured glooctl binary
 * (harness.glooctl) when there is one, the checks computed by the harness too; else done by the
 * harness over the Kubernetes API, its evidence labelled as the harness's equivalent.
 */
public final class GlooEdge implements AutoCloseable {

  private final Target target;
  private final String contextName;
  private final Optional<Path> siteValues;
  private final KubernetesClient client;
  private final HelmService helm;
  private final Path workDir;
  private final CustomResourceDefinitions crds;
  private final KubeContext cluster;
  private final Optional<GlooctlBinary> glooctl;

  /** The actions on the target's default cluster. */
  public GlooEdge(Target target, Path workDir) {
    this(target, target.cluster(), workDir);
  }

  /** The actions on one of the target's clusters (Federation: management, remote1, remote2). */
  public GlooEdge(Target target, KubeContext cluster, Path workDir) {
    this(target, cluster, workDir, Optional.empty());
  }

  /**
   * The same, where every Gloo Edge the harness installs also gets the site's own Helm values
   * (harness.values.file: a staging cluster's service type, resources, ...).
   */
  public GlooEdge(Target target, KubeContext cluster, Path workDir, Optional<Path> siteValues) {
    this(target, cluster, workDir, siteValues, GlooctlBinary.configured());
  }

  /** The same with the glooctl binary given (a self-test's stand-in), or none. */
  public GlooEdge(Target target, KubeContext cluster, Path workDir, Optional<Path> siteValues,
      Optional<GlooctlBinary> glooctl) {
    this.target = target;
    this.cluster = cluster;
    this.glooctl = glooctl;
    this.siteValues = siteValues;
    this.contextName = cluster.name();
    this.workDir = workDir;
    this.client = cluster.newClient();
    this.helm = new HelmService(cluster, workDir);
    this.crds = new CustomResourceDefinitions(client);
  }

  /** The fabric8 client of this cluster, for the domain classes that act on it. */
  public KubernetesClient client() {
    return client;
  }

  public HelmService helm() {
    return helm;
  }

  /** The cluster these actions act on: its context, and a kubeconfig file whose current context it is. */
  public KubeContext cluster() {
    return cluster;
  }

  /** The glooctl binary the documented glooctl commands run, if the run configures one. */
  public Optional<GlooctlBinary> glooctl() {
    return glooctl;
  }

  /** {@code helm repo add gloo URL} and {@code helm repo update}, as step 4.1 of the guide. */
  public void addGlooRepository() {
    addRepository(Edition.OSS);
  }

  /** {@code helm repo add ALIAS URL} and {@code helm repo update} for an edition's repository. */
  public void addRepository(Edition edition) {
    helm.repoAdd(edition.repository(), target.helmRepository(edition.repository()));
    helm.repoUpdate();
  }

  public List<String> offeredVersions(Edition edition) {
    return helm.searchVersions(edition.repository(), edition.chart());
  }

  /** Fails before anything is installed when the repository lacks one of the versions a scenario needs. */
  public void requireOffered(String... versions) {
    requireOffered(Edition.OSS, versions);
  }

  public void requireOffered(Edition edition, String... versions) {
    List<String> offered = offeredVersions(edition);
    for (String version : versions) {
      if (!offered.contains(version)) {
        throw new UnknownChartVersionException(edition.chartReference(), version, offered);
      }
    }
  }

  /**
   * An installation of an edition at a version, as its chart defines it: for Enterprise, the OSS
   * version comes from the chart's {@code gloo} dependency; the licence key from the target.
   */
  public GlooInstallation installation(Edition edition, String namespace, String version) {
    return new GlooInstallation(edition, namespace, version, ossVersionOf(edition, version),
        edition.licensed() ? target.licenceKey() : java.util.Optional.empty());
  }

  private String ossVersionOf(Edition edition, String version) {
    if (edition != Edition.ENTERPRISE) {
      return version;
    }
    Map<String, Object> chart = new Yaml().load(pulled(edition, version).file(edition.chart() + "/Chart.yaml"));
    Object dependencies = chart.get("dependencies");
    if (dependencies instanceof List<?> list) {
      for (Object d : list) {
        if (d instanceof Map<?, ?> dep && "gloo".equals(dep.get("name"))) {
          return String.valueOf(dep.get("version")).replaceFirst("^v", "");
        }
      }
    }
    throw new IllegalStateException(edition.chartReference() + " " + version
        + " has no gloo dependency in its Chart.yaml, so its OSS version is unknown");
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

  /** The site's values file every install gets, if one is configured. */
  public Optional<Path> siteValues() {
    return siteValues;
  }

  /** The release with the site's values file ({@code -f FILE}), if one is configured. */
  public HelmRelease withSiteValues(HelmRelease release) {
    return siteValues.map(release::withValues).orElse(release);
  }

  /** {@code helm install gloo gloo/gloo -n NS --create-namespace --version V}, then waits for the rollout. */
  public void install(GlooInstallation installation) {
    install(installation, Map.of());
  }

  /** The same with {@code --set} values, e.g. the gateway-proxy probes. */
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

  /** Step 4: {@code helm pull gloo/gloo --version V --untar} and {@code kubectl apply -f gloo/crds}. */
  public void applyCrdsOf(String version) {
    applyCrdsOf(Edition.OSS, version);
  }

  /**
   * {@code helm pull ALIAS/CHART --version V --untar} and {@code kubectl apply -f FOLDER} with the
   * edition's CRD folder ({@code gloo/crds}, {@code gloo-ee/charts/gloo/crds}, {@code gloo-fed/crds}).
   */
  public void applyCrdsOf(Edition edition, String version) {
    crds.apply(chartCrds(edition, version), "kubectl apply -f " + edition.crdFolder() + "   # after: helm pull "
        + edition.chartReference() + " --version " + version + " --untar");
  }

  /** {@code glooctl check-crds [--version V]}: compares the cluster's CRDs with those of the chart. */
  public CrdCheck.Result checkCrds(String namespace, String version) {
    return checkCrds(namespace, Edition.OSS, version);
  }

  /**
   * The same for an edition's release: the CRDs compared are always the OSS gloo chart's (an
   * Enterprise chart carries them in its gloo subchart, {@code gloo-ee/charts/gloo/crds}), so the
   * recorded command names that chart's version, {@code --version <OSS version of the release>},
   * and replayed it checks the same chart. GLOO_FACTS.md says glooctl compares with "the chart of
   * the server's version" and is silent on how it maps an Enterprise server to a chart; naming the
   * OSS version explicitly leaves glooctl nothing to guess.
   */
  public CrdCheck.Result checkCrds(String namespace, Edition edition, String version) {
    GlooctlCommand command = GlooctlCommand.checkCrds(namespace, ossVersionOf(edition, version));
    CrdCheck.Result result = new CrdCheck().compare(command.shown(), crds.inCluster(), chartCrds(edition, version));
    glooctl.ifPresentOrElse(binary -> {
      GlooctlRun run = binary.run(command, List.of(cluster));
      HarnessEquivalent.attachVerdict(command, result.output());
      GlooctlAgreement.require(run, GlooctlAgreement.checkCrdsPasses(run), result.upToDate(), result.output());
    }, () -> {
      Evidence.standInFor(command.shown());
      HarnessEquivalent.attach(command, "the cluster's CRDs compared with the chart's "
          + edition.crdFolder() + " of " + edition.chartReference() + " " + version, result.output());
    });
    return result;
  }

  /** The version the Gloo server of a namespace runs: the tag of its gloo container. */
  public String serverVersion(String namespace) {
    return new ServerVersion(client).report(namespace, "").components().stream()
        .filter(c -> c.name().equals("gloo") || c.name().equals("gloo-ee")).map(ServerVersion.Component::tag)
        .findFirst().orElseThrow(() -> new AssertionError("no gloo Deployment (label app=gloo) runs in namespace "
            + namespace + ": Gloo is not installed there"));
  }

  /**
   * Step 4.3 and 5.1: {@code helm get values} into values.yaml, then {@code helm upgrade ... -f
   * values.yaml}, then waits for every component to roll out at the new version. An upgrade that
   * fails on the completed, immutable gateway-certgen Job is applied again once the Job is deleted,
   * as the guide's note in step 5 says.
   */
  public GlooInstallation upgradeWithValuesInUse(GlooInstallation installation, String newVersion) {
    Path valuesFile = valuesInUse(installation);
    GlooInstallation upgraded = installation.at(newVersion, ossVersionOf(installation.edition(), newVersion));
    String before = deployments(installation.namespace());
    new CompletedCertgenJob(client, installation.namespace())
        .upgradeDeletingItIfImmutable(() -> helm.upgrade(upgraded.helmRelease().withValues(valuesFile)));
    awaitRolledOut(upgraded);
    ObjectChange.attach("Deployments in " + installation.namespace(), before, deployments(installation.namespace()));
    return upgraded;
  }

  // Each Deployment with its replicas and images: what an upgrade changes, one line per container.
  private String deployments(String namespace) {
    return client.apps().deployments().inNamespace(namespace).list().getItems().stream()
        .sorted(java.util.Comparator.comparing(d -> d.getMetadata().getName()))
        .map(d -> d.getMetadata().getName() + " (replicas " + d.getSpec().getReplicas() + "):\n"
            + d.getSpec().getTemplate().getSpec().getContainers().stream().map(c -> "  " + c.getName() + ": "
            + c.getImage()).collect(Collectors.joining("\n")))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** {@code glooctl uninstall -n NS}: the Helm release goes; CRDs, namespace and custom resources stay. */
  public void uninstall(GlooInstallation installation) {
    GlooctlCommand command = GlooctlCommand.uninstall(installation.namespace());
    if (glooctl.isPresent()) {
      glooctl.get().runOrFail(command, List.of(cluster));
      return;
    }
    Evidence.standInFor(command.shown());
    helm.uninstall(installation.namespace(), installation.edition().release());
    HarnessEquivalent.attach(command, "what was done", "Helm release " + installation.edition().release()
        + " uninstalled from " + installation.namespace() + " (helm uninstall, attached above); CRDs, the namespace "
        + "and custom resources left in place, as glooctl uninstall leaves them");
  }

  /** The same, when the release is still there (a cleanup after a scenario that may have removed it). */
  public void uninstallIfPresent(GlooInstallation installation) {
    if (helm.list(installation.namespace()).stream().anyMatch(r -> r.getName().equals(
        installation.edition().release()))) {
      uninstall(installation);
    }
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

  /**
   * The cleanup of an installation the harness made: {@code glooctl uninstall}, then the
   * cluster-scoped hook objects Helm leaves behind (webhook configuration, certgen RBAC).
   */
  public void uninstallLeavingNothing(GlooInstallation installation) {
    try {
      uninstallIfPresent(installation);
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

  /** {@code glooctl check -n NS}: the harness's result, with glooctl's output beside it when configured. */
  public GlooctlCheck.Result check(String namespace) {
    GlooctlCheck.Result result = new GlooctlCheck(client).run(namespace);
    checkedAlike(namespace, result);
    return result;
  }

  // Runs the configured glooctl check beside the harness's result, else labels that result as the harness's.
  private void checkedAlike(String namespace, GlooctlCheck.Result result) {
    GlooctlCommand command = GlooctlCommand.check(namespace);
    glooctl.ifPresentOrElse(binary -> {
      GlooctlRun run = binary.run(command, List.of(cluster));
      HarnessEquivalent.attachVerdict(command, result.output());
      GlooctlAgreement.require(run, GlooctlAgreement.checkPasses(run), result.ok(), result.output());
    }, () -> {
      Evidence.standInFor(command.shown());
      HarnessEquivalent.attach(command, "output (its checks, in glooctl's order and lines)", result.output());
    });
  }

  /**
   * {@code glooctl check}, repeated until it comes clean or the check timeout passes, as Gloo's own
   * upgrade tests poll it: statuses settle a moment after a rollout. The last result is returned.
   */
  public GlooctlCheck.Result checkOnceSettled(String namespace) {
    GlooctlCheck.Result last;
    try {
      last = Waits.until("glooctl check to report no problems in " + namespace, WaitTimeout.CHECK,
          () -> new GlooctlCheck(client).run(namespace), GlooctlCheck.Result::ok, GlooctlCheck.Result::output);
    } catch (AssertionError timedOut) {
      last = new GlooctlCheck(client).run(namespace);
    }
    checkedAlike(namespace, last);
    return last;
  }

  /** The gateway's address ({@code glooctl proxy url}), waiting for the load balancer to publish it. */
  public java.net.URI gatewayUrl(String namespace) {
    Evidence.standInFor("glooctl proxy url -n " + namespace); // read from the Service, not run
    return Waits.until("the LoadBalancer address of gateway-proxy in " + namespace, WaitTimeout.ROUTE,
        () -> GatewayAddress.of(client, namespace), java.util.Optional::isPresent,
        a -> "  no ingress address on Service gateway-proxy yet").orElseThrow();
  }

  /** Applies the docs' petstore and its route {@code path} through this installation's gateway; returns what it created. */
  public List<HasMetadata> routePetstore(String namespace, String path) {
    return Petstore.route(client, namespace, path);
  }

  /** The names of the CRDs in the cluster now. */
  public java.util.Set<String> crdNames() {
    return crds.inCluster().stream().map(c -> c.getMetadata().getName())
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  /** {@code kubectl delete crd NAME...}. */
  public void deleteCrds(List<String> names) {
    crds.delete(names);
  }

  /** {@code glooctl version}: client and server versions. */
  public ServerVersion.Report version(String namespace, String clientVersion) {
    GlooctlCommand command = GlooctlCommand.version(namespace);
    ServerVersion.Report report = new ServerVersion(client).report(namespace, clientVersion);
    String output = report.output() + (report.warnings().isEmpty() ? "" : "\n" + String.join("\n", report.warnings()));
    glooctl.ifPresentOrElse(binary -> {
      GlooctlRun run = binary.run(command, List.of(cluster));
      HarnessEquivalent.attachVerdict(command, output);
      GlooctlAgreement.requireVersion(run, report.components().stream().map(ServerVersion.Component::tag)
          .collect(Collectors.toCollection(java.util.TreeSet::new)), output);
    }, () -> {
      Evidence.standInFor(command.shown());
      HarnessEquivalent.attach(command, "output (client version as the scenario holds it, server from the API)",
          output);
    });
    return report;
  }

  /**
   * Upgrade Steps, step 3.2: {@code glooctl upgrade --release vX}. The configured binary replaces
   * itself; without one, the harness's glooctl equivalents report that client version from now on.
   */
  public void upgradeGlooctl(String release) {
    GlooctlCommand command = GlooctlCommand.upgrade(release);
    if (glooctl.isPresent()) {
      glooctl.get().runOrFail(command, List.of(cluster));
      return;
    }
    Evidence.standInFor(command.shown());
    HarnessEquivalent.attach(command, "what was done", "No binary was replaced: the harness's glooctl version "
        + "equivalent reports client version " + release.replaceFirst("^v", "") + " from this step on");
  }

  /** Waits until every Deployment of the installation rolled out (which version its pods run is checked apart). */
  public void awaitRolledOut(GlooInstallation installation) {
    new GlooPods(client, installation.namespace()).awaitRolledOut();
  }

  private List<CustomResourceDefinition> chartCrds(Edition edition, String version) {
    return CustomResourceDefinitions.inChart(edition, pulled(edition, version));
  }

  /** {@code helm pull ALIAS/CHART --version V --untar}. */
  private PulledChart pulled(Edition edition, String version) {
    return PulledChart.read(helm.pull(edition.repository(), edition.chart(), version));
  }

  @Override
  public void close() {
    client.close();
  }
}
