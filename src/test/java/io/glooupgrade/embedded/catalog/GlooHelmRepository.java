package io.glooupgrade.embedded.catalog;

import java.util.List;
import java.util.function.Supplier;

/**
 * The three public Helm repositories of Gloo Edge, as the documentation adds them
 * ({@code helm repo add ALIAS URL}), each with the one chart it serves. The embedded world serves
 * each from its own {@link EmbeddedHelmRepository}, with its own {@code index.yaml}, in place of
 * the public URL.
 */
public enum GlooHelmRepository {
  /** {@code helm repo add gloo https://storage.googleapis.com/solo-public-helm}: chart gloo. */
  OSS("gloo", "gloo", "https://storage.googleapis.com/solo-public-helm", FixtureCharts::ossCharts),
  /** {@code helm repo add glooe https://storage.googleapis.com/gloo-ee-helm}: chart gloo-ee. */
  ENTERPRISE("glooe", EnterpriseFixtureCharts.CHART, "https://storage.googleapis.com/gloo-ee-helm",
      EnterpriseFixtureCharts::enterpriseCharts),
  /** {@code helm repo add gloo-fed https://storage.googleapis.com/gloo-fed-helm}: chart gloo-fed. */
  FEDERATION("gloo-fed", FederationFixtureCharts.CHART, "https://storage.googleapis.com/gloo-fed-helm",
      FederationFixtureCharts::federationCharts);

  private final String alias;
  private final String chart;
  private final String publicUrl;
  private final Supplier<List<ChartArchive>> charts;

  GlooHelmRepository(String alias, String chart, String publicUrl,
      Supplier<List<ChartArchive>> charts) {
    this.alias = alias;
    this.chart = chart;
    this.publicUrl = publicUrl;
    this.charts = charts;
  }

  /** The name the documentation adds the repository under: {@code gloo}, {@code glooe}, {@code gloo-fed}. */
  public String alias() {
    return alias;
  }

  /** The chart it serves: {@code gloo}, {@code gloo-ee}, {@code gloo-fed}. */
  public String chart() {
    return chart;
  }

  /** {@code ALIAS/CHART}, as the documentation installs it, e.g. {@code glooe/gloo-ee}. */
  public String chartReference() {
    return alias + "/" + chart;
  }

  /** The public repository's URL, which the embedded one stands in for. */
  public String publicUrl() {
    return publicUrl;
  }

  /** Every catalog release of the chart, packaged (once per JVM), oldest first. */
  public List<ChartArchive> charts() {
    return charts.get();
  }
}
