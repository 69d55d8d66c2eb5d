package io.glooupgrade.gloo.install;

import io.glooupgrade.helm.SemanticVersion;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The supported versions of Gloo Edge's dependencies per minor (the docs' "supported versions",
 * GLOO_FACTS.md): the Kubernetes minors it runs on and the oldest Helm it installs with. Step 1 of
 * the Upgrade Steps guide checks the cluster against the minor it upgrades to.
 */
public final class KubernetesSupport {

  /** One row of the table: Kubernetes minors {@code kubernetesOldest}..{@code kubernetesNewest}, Helm from {@code helmOldest}. */
  public record Row(String glooMinor, String kubernetesOldest, String kubernetesNewest, String helmOldest) {

    String kubernetesRange() {
      return kubernetesOldest + "-" + kubernetesNewest;
    }
  }

  /** Whether a dependency's version is supported, with the sentence a reviewer reads. */
  public record Verdict(boolean supported, String explanation) {
  }

  private static final Map<String, Row> TABLE = Map.of(
      "1.16", new Row("1.16", "1.24", "1.28", "3.12"),
      "1.17", new Row("1.17", "1.25", "1.29", "3.12"),
      "1.18", new Row("1.18", "1.27", "1.31", "3.12"),
      "1.19", new Row("1.19", "1.28", "1.32", "3.12"),
      "1.20", new Row("1.20", "1.29", "1.34", "3.12"),
      "1.21", new Row("1.21", "1.31", "1.35", "3.19"),
      "1.22", new Row("1.22", "1.31", "1.36", "3.19"));
  // v1.31.4, 1.31, v1.28.3-eks-1234, v1.30.2+k3s1: the major and minor are what the table speaks of.
  private static final Pattern MAJOR_MINOR = Pattern.compile("^v?(\\d+)\\.(\\d+)");

  private KubernetesSupport() {
  }

  /** The row of a Gloo Edge version's minor (an Enterprise version shares its OSS minor). */
  public static Optional<Row> of(String glooVersion) {
    return Optional.ofNullable(TABLE.get(SemanticVersion.parse(glooVersion).minorLine()));
  }

  /** Whether Gloo Edge {@code glooVersion} supports the cluster's Kubernetes {@code kubernetesVersion}. */
  public static Verdict kubernetes(String glooVersion, String kubernetesVersion) {
    String minor = SemanticVersion.parse(glooVersion).minorLine();
    Optional<Row> row = of(glooVersion);
    if (row.isEmpty()) {
      return new Verdict(false, "Gloo Edge " + minor + " is not in the support table, so Kubernetes "
          + kubernetesVersion + " cannot be confirmed as supported");
    }
    int[] k = majorMinor(kubernetesVersion);
    boolean supported = compare(k, majorMinor(row.get().kubernetesOldest())) >= 0
        && compare(k, majorMinor(row.get().kubernetesNewest())) <= 0;
    return new Verdict(supported, "Kubernetes " + kubernetesVersion + (supported ? " is" : " is not")
        + " supported by Gloo Edge " + minor + " (supported: " + row.get().kubernetesRange() + ")"
        + (supported ? "" : ": upgrade the cluster's Kubernetes first (Upgrade Steps, step 1, Upgrade dependencies)"));
  }

  /** Whether Gloo Edge {@code glooVersion} supports Helm {@code helmVersion}. */
  public static Verdict helm(String glooVersion, String helmVersion) {
    String minor = SemanticVersion.parse(glooVersion).minorLine();
    Optional<Row> row = of(glooVersion);
    if (row.isEmpty()) {
      return new Verdict(false, "Gloo Edge " + minor + " is not in the support table, so Helm " + helmVersion
          + " cannot be confirmed as supported");
    }
    boolean supported = compare(majorMinor(helmVersion), majorMinor(row.get().helmOldest())) >= 0;
    return new Verdict(supported, "Helm " + helmVersion + (supported ? " is" : " is not")
        + " supported by Gloo Edge " + minor + " (supported: >=" + row.get().helmOldest() + ")");
  }

  /** The table as the docs print it, for the evidence. */
  public static String table() {
    StringBuilder out = new StringBuilder("| minor | Kubernetes supported | Helm |\n|---|---|---|\n");
    TABLE.values().stream().sorted(java.util.Comparator.comparing(r -> majorMinor(r.glooMinor())[1]))
        .forEach(r -> out.append("| ").append(r.glooMinor()).append(" | ").append(r.kubernetesRange())
            .append(" | >=").append(r.helmOldest()).append(" |\n"));
    return out.toString();
  }

  private static int[] majorMinor(String version) {
    Matcher m = MAJOR_MINOR.matcher(version.trim());
    if (!m.find()) {
      throw new IllegalArgumentException("not a version: " + version);
    }
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }

  private static int compare(int[] a, int[] b) {
    return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
  }
}
