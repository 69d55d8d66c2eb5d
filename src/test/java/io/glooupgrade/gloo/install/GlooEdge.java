package io.glooupgrade.gloo.install;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.glooctl.Glooctl;
import io.glooupgrade.gloo.glooctl.GlooctlBinary;
import io.glooupgrade.helm.HelmService;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.kube.Target;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The documented Gloo Edge actions on one cluster of a target, by what they act on: the charts'
 * repositories, the Helm releases, the CRDs, and the glooctl commands. One client per cluster,
 * closed with it.
 */
public final class GlooEdge implements AutoCloseable {

  private final KubeContext cluster;
  private final KubernetesClient client;
  private final HelmService helm;
  private final ChartRepository charts;
  private final CustomResourceDefinitions crds;
  private final Glooctl glooctl;
  private final HelmReleases releases;

  /**
   * The actions on one of the target's clusters (Federation: management, remote1, remote2), where
   * every Gloo Edge the harness installs also gets the site's own Helm values (harness.values.file:
   * a staging cluster's service type, resources, ...), and glooctl is the configured binary.
   */
  public GlooEdge(Target target, KubeContext cluster, Path workDir, Optional<Path> siteValues) {
    this(target, cluster, workDir, siteValues, GlooctlBinary.configured());
  }

  /** The same with the glooctl binary given (a self-test's stand-in), or none. */
  public GlooEdge(Target target, KubeContext cluster, Path workDir, Optional<Path> siteValues,
      Optional<GlooctlBinary> glooctlBinary) {
    this.cluster = cluster;
    this.client = cluster.newClient();
    this.helm = new HelmService(cluster, workDir);
    this.charts = new ChartRepository(target, helm);
    this.crds = new CustomResourceDefinitions(client);
    this.glooctl = new Glooctl(cluster, client, helm, charts, glooctlBinary);
    this.releases = new HelmReleases(client, cluster.name(), helm, workDir, siteValues, charts, glooctl);
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

  public ChartRepository charts() {
    return charts;
  }

  public HelmReleases releases() {
    return releases;
  }

  public CustomResourceDefinitions crds() {
    return crds;
  }

  public Glooctl glooctl() {
    return glooctl;
  }

  /**
   * Step 4: {@code helm pull ALIAS/CHART --version V --untar} and {@code kubectl apply -f FOLDER}
   * with the edition's CRD folder ({@code gloo/crds}, {@code gloo-ee/charts/gloo/crds}, {@code gloo-fed/crds}).
   */
  public void applyCrdsOf(Edition edition, String version) {
    crds.apply(charts.crdsOf(edition, version), "kubectl apply -f " + edition.crdFolder() + "   # after: helm pull "
        + edition.chartReference() + " --version " + version + " --untar");
  }

  @Override
  public void close() {
    client.close();
  }
}
