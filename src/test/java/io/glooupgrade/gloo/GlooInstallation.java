package io.glooupgrade.gloo;


import io.glooupgrade.config.LicenceKey;
import io.glooupgrade.helm.HelmRelease;
import java.util.Optional;
import java.util.Set;

/**
 * A Gloo Edge installation as the guides set it up: the Helm release of an edition's chart at a
 * version in a namespace ({@code gloo-system} by default). An Enterprise release also runs the
 * OSS components at the OSS version its chart pulls in ({@code ossVersion}); OSS and Federation
 * run one version throughout. The licence key goes to the chart as {@code license_key}.
 */
public record GlooInstallation(Edition edition, String namespace, String version, String ossVersion,
    Optional<LicenceKey> licence) {

  /** Where the guides install Gloo Edge. */
  public static final String DEFAULT_NAMESPACE = "gloo-system";

  /** An OSS installation. */
  public GlooInstallation(String namespace, String version) {
    this(Edition.OSS, namespace, version, version, Optional.empty());
  }

  public HelmRelease helmRelease() {
    HelmRelease release = HelmRelease.of(edition.release(), namespace, edition.repository(), edition.chart(),
        version);
    if (!edition.licensed()) {
      return release;
    }
    LicenceKey key = licence.orElseThrow(() -> new IllegalStateException("Gloo Edge " + edition.displayName()
        + " needs a licence key: set the environment variable LICENSE_KEY"));
    return release.withSet("license_key", key.value());
  }

  public String chartReference() {
    return edition.chartReference();
  }

  /** The image tags its pods may run: the version, and for Enterprise the OSS version of its components. */
  public Set<String> imageTags() {
    return Set.copyOf(java.util.List.of(version, ossVersion));
  }

  /** The same installation at another version (whose OSS version its chart gives). */
  public GlooInstallation at(String otherVersion, String otherOssVersion) {
    return new GlooInstallation(edition, namespace, otherVersion, otherOssVersion, licence);
  }

  /** An OSS installation at another version. */
  public GlooInstallation at(String otherVersion) {
    return at(otherVersion, otherVersion);
  }

  public GlooInstallation in(String otherNamespace) {
    return new GlooInstallation(edition, otherNamespace, version, ossVersion, licence);
  }
}
