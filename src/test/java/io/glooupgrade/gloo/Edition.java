package io.glooupgrade.gloo;


import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The three ways the guides install Gloo Edge, with the chart, release and CRD folder each uses
 * (GLOO_FACTS.md): OSS {@code gloo/gloo}, Enterprise {@code glooe/gloo-ee} (the OSS chart as its
 * subchart, a licence key required) and Federation {@code gloo-fed/gloo-fed}.
 */
public enum Edition {

  OSS("gloo", "gloo", "gloo", "gloo/crds", false),
  ENTERPRISE("glooe", "gloo-ee", "gloo", "gloo-ee/charts/gloo/crds", true),
  FEDERATION("gloo-fed", "gloo-fed", "gloo-fed", "gloo-fed/crds", true);

  private final String repository;
  private final String chart;
  private final String release;
  private final String crdFolder;
  private final boolean licensed;

  Edition(String repository, String chart, String release, String crdFolder, boolean licensed) {
    this.repository = repository;
    this.chart = chart;
    this.release = release;
    this.crdFolder = crdFolder;
    this.licensed = licensed;
  }

  /** The edition a scenario is tagged with ({@code @oss}, {@code @enterprise}, {@code @federation}); OSS if none. */
  public static Edition ofTags(Collection<String> tags) {
    List<Edition> tagged = List.of(values()).stream().filter(e -> tags.contains(e.tag())).toList();
    if (tagged.size() > 1) {
      throw new IllegalArgumentException("a scenario has one edition tag, not " + tagged);
    }
    return tagged.isEmpty() ? OSS : tagged.get(0);
  }

  public String tag() {
    return "@" + name().toLowerCase(Locale.ROOT);
  }

  /** The Helm repository alias the guides use: gloo, glooe or gloo-fed. */
  public String repository() {
    return repository;
  }

  public String chart() {
    return chart;
  }

  public String chartReference() {
    return repository + "/" + chart;
  }

  /** The Helm release name: {@code gloo}, or {@code gloo-fed} for Federation. */
  public String release() {
    return release;
  }

  /** Where {@code helm pull --untar} leaves the CRDs the guides apply. */
  public String crdFolder() {
    return crdFolder;
  }

  /** Where the OSS chart's values sit in this edition's chart: under {@code gloo.} for Enterprise. */
  public String ossValuesPrefix() {
    return this == ENTERPRISE ? "gloo." : "";
  }

  /** The prefix of this edition's version settings: harness. (OSS), harness.enterprise., harness.federation. */
  public String settingPrefix() {
    return this == OSS ? "harness." : "harness." + name().toLowerCase(java.util.Locale.ROOT) + ".";
  }

  /** Whether the chart needs {@code license_key}. */
  public boolean licensed() {
    return licensed;
  }

  /** The name reports use: OSS, Enterprise, Federation. */
  public String displayName() {
    return this == OSS ? "OSS" : name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }
}
