package io.glooupgrade.gloo.glooctl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.install.ChartRepository;
import io.glooupgrade.gloo.install.CustomResourceDefinitions;
import io.glooupgrade.helm.HelmService;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.kube.WaitTimeout;
import io.glooupgrade.kube.Waits;
import io.glooupgrade.traffic.GatewayAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The glooctl commands the guides use, on one cluster: run by the configured glooctl binary
 * (harness.glooctl) when there is one, the checks computed by the harness too and compared; else
 * done by the harness over the Kubernetes API, its evidence labelled as the harness's equivalent.
 */
public final class Glooctl {

  private final KubeContext cluster;
  private final KubernetesClient client;
  private final HelmService helm;
  private final ChartRepository charts;
  private final Optional<GlooctlBinary> binary;

  public Glooctl(KubeContext cluster, KubernetesClient client, HelmService helm, ChartRepository charts,
      Optional<GlooctlBinary> binary) {
    this.cluster = cluster;
    this.client = client;
    this.helm = helm;
    this.charts = charts;
    this.binary = binary;
  }

  /** The glooctl binary the documented glooctl commands run, if the run configures one. */
  public Optional<GlooctlBinary> binary() {
    return binary;
  }

  /**
   * {@code glooctl check-crds --version V} for an edition's release: the CRDs compared are always
   * the OSS gloo chart's (an Enterprise chart carries them in its gloo subchart,
   * {@code gloo-ee/charts/gloo/crds}), so the recorded command names that chart's version, and
   * replayed it checks the same chart: glooctl is left nothing to guess.
   */
  public CrdCheck.Result checkCrds(String namespace, Edition edition, String version) {
    GlooctlCommand command = GlooctlCommand.checkCrds(namespace, charts.ossVersionOf(edition, version));
    CrdCheck.Result result = new CrdCheck().compare(command.shown(), new CustomResourceDefinitions(client).inCluster(),
        charts.crdsOf(edition, version));
    binary.ifPresentOrElse(glooctl -> {
      GlooctlRun run = glooctl.run(command, List.of(cluster));
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

  /** {@code glooctl check -n NS}: the harness's result, with glooctl's output beside it when configured. */
  public GlooctlCheck.Result check(String namespace) {
    GlooctlCheck.Result result = new GlooctlCheck(client).run(namespace);
    checkedAlike(namespace, result);
    return result;
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

  // Runs the configured glooctl check beside the harness's result, else labels that result as the harness's.
  private void checkedAlike(String namespace, GlooctlCheck.Result result) {
    GlooctlCommand command = GlooctlCommand.check(namespace);
    binary.ifPresentOrElse(glooctl -> {
      GlooctlRun run = glooctl.run(command, List.of(cluster));
      HarnessEquivalent.attachVerdict(command, result.output());
      GlooctlAgreement.require(run, GlooctlAgreement.checkPasses(run), result.ok(), result.output());
    }, () -> {
      Evidence.standInFor(command.shown());
      HarnessEquivalent.attach(command, "output (its checks, in glooctl's order and lines)", result.output());
    });
  }

  /** {@code glooctl version}: client and server versions. */
  public ServerVersion.Report version(String namespace, String clientVersion) {
    GlooctlCommand command = GlooctlCommand.version(namespace);
    ServerVersion.Report report = new ServerVersion(client).report(namespace, clientVersion);
    String output = report.output() + (report.warnings().isEmpty() ? "" : "\n" + String.join("\n", report.warnings()));
    binary.ifPresentOrElse(glooctl -> {
      GlooctlRun run = glooctl.run(command, List.of(cluster));
      HarnessEquivalent.attachVerdict(command, output);
      GlooctlAgreement.requireVersion(run, report.components().stream().map(ServerVersion.Component::tag)
          .collect(Collectors.toCollection(TreeSet::new)), output);
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
  public void upgrade(String release) {
    GlooctlCommand command = GlooctlCommand.upgrade(release);
    if (binary.isPresent()) {
      binary.get().runOrFail(command, List.of(cluster));
      return;
    }
    Evidence.standInFor(command.shown());
    HarnessEquivalent.attach(command, "what was done", "No binary was replaced: the harness's glooctl version "
        + "equivalent reports client version " + release.replaceFirst("^v", "") + " from this step on");
  }

  /** {@code glooctl uninstall -n NS}: the Helm release goes; CRDs, namespace and custom resources stay. */
  public void uninstall(GlooInstallation installation) {
    GlooctlCommand command = GlooctlCommand.uninstall(installation.namespace());
    if (binary.isPresent()) {
      binary.get().runOrFail(command, List.of(cluster));
      return;
    }
    Evidence.standInFor(command.shown());
    helm.uninstall(installation.namespace(), installation.edition().release());
    HarnessEquivalent.attach(command, "what was done", "Helm release " + installation.edition().release()
        + " uninstalled from " + installation.namespace() + " (helm uninstall, attached above); CRDs, the namespace "
        + "and custom resources left in place, as glooctl uninstall leaves them");
  }

  /** The gateway's address ({@code glooctl proxy url}), waiting for the load balancer to publish it. */
  public URI proxyUrl(String namespace) {
    Evidence.standInFor("glooctl proxy url -n " + namespace); // read from the Service, not run
    return Waits.until("the LoadBalancer address of gateway-proxy in " + namespace, WaitTimeout.ROUTE,
        () -> GatewayAddress.of(client, namespace), Optional::isPresent,
        a -> "  no ingress address on Service gateway-proxy yet").orElseThrow();
  }
}
