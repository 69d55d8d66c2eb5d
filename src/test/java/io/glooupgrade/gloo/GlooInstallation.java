package io.glooupgrade.gloo;

import io.glooupgrade.helm.HelmRelease;

/**
 * A Gloo Edge OSS installation as the guides set it up: Helm release {@code gloo} of chart
 * {@code gloo/gloo} in a namespace ({@code gloo-system} by default).
 */
public record GlooInstallation(String namespace, String version) {

  public static final String RELEASE = "gloo";
  public static final String REPOSITORY = "gloo";
  public static final String CHART = "gloo";

  public HelmRelease helmRelease() {
    return HelmRelease.of(RELEASE, namespace, REPOSITORY, CHART, version);
  }

  public String chartReference() {
    return REPOSITORY + "/" + CHART;
  }

  public GlooInstallation at(String otherVersion) {
    return new GlooInstallation(namespace, otherVersion);
  }
}
