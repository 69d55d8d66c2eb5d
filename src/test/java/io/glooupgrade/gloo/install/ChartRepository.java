package io.glooupgrade.gloo.install;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.helm.HelmService;
import io.glooupgrade.helm.PulledChart;
import io.glooupgrade.helm.UnknownChartVersionException;
import io.glooupgrade.kube.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * The editions' Helm chart repositories as the guides use them: added ({@code helm repo add}),
 * searched for the versions they offer, and charts pulled to read what a version brings.
 */
public final class ChartRepository {

  private final Target target;
  private final HelmService helm;

  public ChartRepository(Target target, HelmService helm) {
    this.target = target;
    this.helm = helm;
  }

  /** {@code helm repo add ALIAS URL} and {@code helm repo update} for an edition's repository. */
  public void add(Edition edition) {
    helm.repoAdd(edition.repository(), target.helmRepository(edition.repository()));
    helm.repoUpdate();
  }

  /** {@code helm search repo ALIAS/CHART --versions}. */
  public List<String> offered(Edition edition) {
    return helm.searchVersions(edition.repository(), edition.chart());
  }

  /** Fails before anything is installed when the repository lacks one of the versions a scenario needs. */
  public void requireOffered(Edition edition, String... versions) {
    List<String> offered = offered(edition);
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
        edition.licensed() ? target.licenceKey() : Optional.empty());
  }

  /** The Gloo Edge (OSS) version an edition's chart version runs. */
  public String ossVersionOf(Edition edition, String version) {
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

  /** The CRDs of the edition's CRD folder in its chart at a version. */
  public List<CustomResourceDefinition> crdsOf(Edition edition, String version) {
    return CustomResourceDefinitions.inChart(edition, pulled(edition, version));
  }

  /** {@code helm pull ALIAS/CHART --version V --untar}. */
  public PulledChart pulled(Edition edition, String version) {
    return PulledChart.read(helm.pull(edition.repository(), edition.chart(), version));
  }
}
