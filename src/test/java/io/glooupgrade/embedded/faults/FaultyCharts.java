package io.glooupgrade.embedded.faults;

import io.glooupgrade.embedded.catalog.ChartArchive;
import io.glooupgrade.embedded.catalog.ChartPackager;
import io.glooupgrade.embedded.catalog.EmbeddedHelmRepository;
import io.glooupgrade.embedded.catalog.EnterpriseFixtureCharts;
import io.glooupgrade.embedded.catalog.EnterpriseVersion;
import io.glooupgrade.embedded.catalog.EnterpriseVersions;
import io.glooupgrade.embedded.catalog.FederationFixtureCharts;
import io.glooupgrade.embedded.catalog.FixtureCharts;
import io.glooupgrade.embedded.catalog.GlooCrds;
import io.glooupgrade.embedded.catalog.GlooVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OSS and Enterprise repositories as the faults want them: a chart may ship without one of its
 * CRDs or with another release's, or without its Settings, and the charts may ship the
 * gateway-certgen Job without its Helm hook annotations. Charts no fault touches are the catalog's
 * own archives.
 */
public final class FaultyCharts {

  private static final String CERTGEN_TEMPLATE = "templates/6.5-gateway-certgen-job.yaml";
  private static final String SETTINGS_TEMPLATE = "templates/18-settings.yaml";
  // The Job's annotations block holds only its three hook annotations; the ServiceAccount and RBAC
  // further down the file stay hooks, so that they still exist before the Job runs.
  private static final Pattern HOOK_ANNOTATIONS =
      Pattern.compile("(?m)^  annotations:\n(?:    \"helm\\.sh/hook[^\n]*\n)+");

  private static final Pattern DEPLOYMENT_METADATA = Pattern.compile("(?m)^kind: Deployment\nmetadata:\n");

  private FaultyCharts() {
  }

  public static EmbeddedHelmRepository ossRepository(Faults faults, Path workDir) {
    List<ChartArchive> charts = new ArrayList<>();
    for (ChartArchive chart : FixtureCharts.ossCharts()) {
      boolean touched = glooChartTouched(chart.version(), faults)
          || faults.crdMissingFromChart(chart.version()).isPresent()
          || faults.certgenJobShippedWithoutHook() || faults.probesOnByDefault();
      charts.add(touched ? ossVariant(GlooVersion.parse(chart.version()), faults, workDir) : chart);
    }
    return EmbeddedHelmRepository.start(charts);
  }

  private static ChartArchive ossVariant(GlooVersion version, Faults faults, Path workDir) {
    return variant(workDir, "gloo-" + version.tag(), dir -> {
      Path chart = FixtureCharts.writeOssChart(version, dir);
      glooChartFaults(chart, version.tag(), faults);
      Optional<String> missingCrd = faults.crdMissingFromChart(version.tag());
      if (missingCrd.isPresent()) {
        removeCrd(chart, version, missingCrd.get());
      }
      if (faults.certgenJobShippedWithoutHook()) {
        unhookCertgenJob(chart, version);
      }
      if (faults.probesOnByDefault()) {
        turnProbesOn(chart, version);
      }
      return chart;
    });
  }

  /**
   * The glooe repository as the faults want it: a gloo-ee chart's gloo and gloo-fed subcharts carry
   * the faults of their own versions, as they would on their own.
   */
  public static EmbeddedHelmRepository enterpriseRepository(Faults faults, Path workDir) {
    List<ChartArchive> charts = new ArrayList<>();
    for (EnterpriseVersion version : EnterpriseVersions.all()) {
      boolean touched = glooChartTouched(version.ossTag(), faults) || federationChartTouched(version.tag(), faults);
      charts.add(touched ? enterpriseVariant(version, faults, workDir)
          : EnterpriseFixtureCharts.enterpriseChart(version));
    }
    return EmbeddedHelmRepository.start(charts);
  }

  /** The gloo-fed repository as the faults want it (see {@link #federationChartFaults}). */
  public static EmbeddedHelmRepository federationRepository(Faults faults, Path workDir) {
    List<ChartArchive> charts = new ArrayList<>();
    for (ChartArchive chart : FederationFixtureCharts.federationCharts()) {
      String version = chart.version();
      charts.add(federationChartTouched(version, faults) ? variant(workDir, "gloo-fed-" + version, dir -> {
        Path written = FederationFixtureCharts.writeFederationChart(GlooVersion.parse(version), dir);
        federationChartFaults(written, version, faults);
        return written;
      }) : chart);
    }
    return EmbeddedHelmRepository.start(charts);
  }

  private static ChartArchive enterpriseVariant(EnterpriseVersion version, Faults faults, Path workDir) {
    return variant(workDir, "gloo-ee-" + version.tag(), dir -> {
      Path chart = EnterpriseFixtureCharts.writeEnterpriseChart(version, dir);
      glooChartFaults(chart.resolve("charts").resolve("gloo"), version.ossTag(), faults);
      federationChartFaults(chart.resolve("charts").resolve("gloo-fed"), version.tag(), faults);
      return chart;
    });
  }

  /** Whether {@link #glooChartFaults} changes the gloo chart of this OSS version. */
  private static boolean glooChartTouched(String ossVersion, Faults faults) {
    return faults.crdsShippedWith(ossVersion).isPresent() || faults.deploymentsKeptOnUninstall(ossVersion)
        || faults.settingsMissing(ossVersion) || faults.staleGlooImageTag(ossVersion).isPresent()
        || HookJobFaults.touch(ossVersion, faults);
  }

  /** The faults that follow a gloo chart wherever it goes: on its own, or as gloo-ee's subchart. */
  private static void glooChartFaults(Path chart, String ossVersion, Faults faults) throws IOException {
    Optional<String> otherCrds = faults.crdsShippedWith(ossVersion);
    if (otherCrds.isPresent()) {
      replaceCrds(chart, GlooVersion.parse(otherCrds.get()));
    }
    if (faults.deploymentsKeptOnUninstall(ossVersion)) {
      keepDeployments(chart);
    }
    if (faults.settingsMissing(ossVersion)) {
      Files.delete(chart.resolve(SETTINGS_TEMPLATE));
    }
    Optional<String> staleTag = faults.staleGlooImageTag(ossVersion);
    if (staleTag.isPresent()) {
      staleGlooImage(chart, ossVersion, staleTag.get());
    }
    HookJobFaults.apply(chart, ossVersion, faults);
  }

  /** Whether {@link #federationChartFaults} changes the gloo-fed chart of this version. */
  private static boolean federationChartTouched(String version, Faults faults) {
    return faults.deploymentsKeptOnUninstall(version) || faults.federationCrdsTemplated(version);
  }

  /** The faults that follow a gloo-fed chart wherever it goes: on its own, or as gloo-ee's subchart. */
  private static void federationChartFaults(Path chart, String version, Faults faults) throws IOException {
    if (faults.deploymentsKeptOnUninstall(version)) {
      keepDeployments(chart);
    }
    if (faults.federationCrdsTemplated(version)) {
      templateCrds(chart);
    }
  }

  /** The chart's crds/ become templates: Helm installs them with the release, and deletes them with it. */
  private static void templateCrds(Path chart) throws IOException {
    List<Path> crds;
    try (Stream<Path> files = Files.list(chart.resolve("crds"))) {
      crds = files.toList();
    }
    if (crds.isEmpty()) {
      throw new IllegalStateException("the chart in " + chart + " has no CRDs to template");
    }
    for (Path crd : crds) {
      Files.move(crd, chart.resolve("templates").resolve("crd-" + crd.getFileName()));
    }
  }

  /** A chart written into a folder of its own, changed, and packed. */
  private static ChartArchive variant(Path workDir, String name, ChartWriter writer) {
    try {
      Path chart = writer.write(Files.createDirectories(workDir.resolve("faulty-charts").resolve(name)));
      return ChartPackager.pack(chart, Files.createDirectories(workDir.resolve("faulty-archives")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface ChartWriter {
    Path write(Path parentDir) throws IOException;
  }

  /** Every Deployment of the chart's own templates gets {@code helm.sh/resource-policy: keep}. */
  // Only gloo's own image keeps the old tag; the chart, its CRDs and its other images are the new release's.
  private static void staleGlooImage(Path chart, String version, String staleTag) throws IOException {
    Path values = chart.resolve("values.yaml");
    String text = Files.readString(values);
    String bumped = "gloo:\n  deployment:\n    image:\n      repository: gloo\n      tag: " + version + "\n";
    if (!text.contains(bumped)) {
      throw new IllegalStateException("the chart in " + chart + " does not set gloo's image tag to " + version);
    }
    Files.writeString(values, text.replace(bumped, bumped.replace("tag: " + version, "tag: " + staleTag)));
  }

  private static void keepDeployments(Path chart) throws IOException {
    int annotated = 0;
    try (Stream<Path> templates = Files.list(chart.resolve("templates"))) {
      for (Path template : templates.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        String text = Files.readString(template);
        String kept = DEPLOYMENT_METADATA.matcher(text)
            .replaceAll("$0  annotations:\n    helm.sh/resource-policy: keep\n");
        if (!kept.equals(text)) {
          Files.writeString(template, kept);
          annotated++;
        }
      }
    }
    if (annotated == 0) {
      // Never a silent no-op: the fault would then show nothing.
      throw new IllegalStateException("the chart in " + chart + " has no Deployment to keep");
    }
  }

  /** The chart's crds/ folder becomes that of another release's gloo chart. */
  private static void replaceCrds(Path chart, GlooVersion crdsVersion) throws IOException {
    Path crds = chart.resolve("crds");
    try (Stream<Path> own = Files.list(crds)) {
      for (Path file : own.toList()) {
        Files.delete(file);
      }
    }
    for (Map.Entry<String, String> file : GlooCrds.crdFolder(crdsVersion).entrySet()) {
      Files.writeString(crds.resolve(file.getKey()), file.getValue());
    }
  }

  private static void removeCrd(Path chart, GlooVersion version, String crdName) throws IOException {
    try (Stream<Path> crds = Files.list(chart.resolve("crds"))) {
      List<Path> matching = crds.filter(f -> contains(f, "name: " + crdName)).toList();
      if (matching.isEmpty()) {
        throw new IllegalArgumentException("the chart of " + version + " has no CRD " + crdName);
      }
      for (Path file : matching) {
        Files.delete(file);
      }
    }
  }

  /** The Job becomes a plain resource of the release: Helm patches it on upgrade instead of recreating it. */
  private static void unhookCertgenJob(Path chart, GlooVersion version) throws IOException {
    Path template = chart.resolve(CERTGEN_TEMPLATE);
    String text = Files.readString(template);
    int end = text.indexOf("\n---\n");
    String job = end < 0 ? text : text.substring(0, end);
    // Without its TTL too: the completed Job stays, as where a chart sets no ttlSecondsAfterFinished.
    String unhooked = HOOK_ANNOTATIONS.matcher(job).replaceFirst("").replaceFirst(
        "(?m)^  \\{\\{- include \"gloo.jobDeletePolicy\" \\(list .Values.gateway.certGenJob \"ttl\"\\) "
            + "\\| nindent 2 \\}\\}\n", "");
    if (unhooked.equals(job)) {
      // Never a silent no-op: the fault would then show nothing.
      throw new IllegalStateException("the gateway-certgen Job of " + version + " carries no hook annotations to remove");
    }
    Files.writeString(template, unhooked + (end < 0 ? "" : text.substring(end)));
  }

  /** The gateway-proxy's readiness probe on by default: no longer the guide's default installation. */
  private static void turnProbesOn(Path chart, GlooVersion version) throws IOException {
    Path values = chart.resolve("values.yaml");
    String text = Files.readString(values);
    String on = text.replaceFirst("(?m)^(\\s+)probes: false$", "$1probes: true");
    if (on.equals(text)) {
      throw new IllegalStateException("the values of " + version + " set no 'probes: false' to turn on");
    }
    Files.writeString(values, on);
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.readString(file).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
