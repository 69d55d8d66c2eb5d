package io.glooupgrade.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import com.marcnuri.helm.UpgradeCommand;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.evidence.MaskedValues;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.lifecycle.RunTimings;
import io.glooupgrade.lifecycle.RunInterruption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Real Helm (helm-java, no CLI needed) against one kubeconfig context. Each call attaches the
 * {@code helm} command line it is the equivalent of. Charts are pulled from the repository into a
 * private work folder first ({@code helm pull}), as the guides do, and installed from there.
 */
public final class HelmService {

  private final KubeContext context;
  private final Path workDir;
  private final Path repositoryConfig;
  private final Map<String, String> repositories = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  public HelmService(KubeContext context, Path workDir) {
    this.context = context;
    this.workDir = workDir;
    this.repositoryConfig = workDir.resolve("repositories.yaml");
  }

  /** {@code helm repo add ALIAS URL}, in a repositories file of the harness's own. */
  public void repoAdd(String alias, String url) {
    Evidence.documentedCommand("helm repo add " + alias + " " + url);
    run("helm repo add " + alias, () -> Helm.repo().add().withRepositoryConfig(repositoryConfig).withName(alias)
        .withUrl(URI.create(url)).call());
    repositories.put(alias, url);
  }

  /** {@code helm repo update}. */
  public void repoUpdate() {
    Evidence.documentedCommand("helm repo update");
    run("helm repo update", () -> Helm.repo().update().withRepositoryConfig(repositoryConfig).call());
  }

  /** {@code helm search repo ALIAS/CHART --versions}: every version the repository offers, newest first. */
  public List<String> searchVersions(String alias, String chart) {
    Evidence.documentedCommand("helm search repo " + alias + "/" + chart + " --versions");
    List<String> versions = index(alias).versions(chart);
    Evidence.text("versions of " + alias + "/" + chart, String.join("\n", versions));
    return versions;
  }

  /** {@code helm pull ALIAS/CHART --version V}: the chart archive, verified against the index digest. */
  public Path pull(String alias, String chart, String version) {
    Evidence.documentedCommand("helm pull " + alias + "/" + chart + " --version " + version);
    ChartRepositoryIndex index = index(alias);
    ChartRepositoryIndex.Entry entry = index.find(chart, version).orElseThrow(() ->
        new UnknownChartVersionException(alias + "/" + chart, version, index.versions(chart)));
    byte[] archive = get(entry.url()).body();
    if (entry.digest() != null && !entry.digest().equals(sha256(archive))) {
      throw new IllegalStateException("the archive of " + alias + "/" + chart + " " + version + " from "
          + entry.url() + " does not match the digest in the repository index");
    }
    try {
      Path file = workDir.resolve(chart + "-" + version + ".tgz");
      Files.write(file, archive);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code helm show crds ALIAS/CHART --version V}: every CRD of the chart, as one YAML stream. */
  public String showCrds(String alias, String chart, String version) {
    Path archive = pull(alias, chart, version);
    Evidence.documentedCommand("helm show crds " + alias + "/" + chart + " --version " + version);
    return run("helm show crds", () -> new Helm(archive).show().crds().call());
  }

  /** {@code helm show values ALIAS/CHART --version V}: the chart's default values.yaml. */
  public String showValues(String alias, String chart, String version) {
    Path archive = pull(alias, chart, version);
    Evidence.documentedCommand("helm show values " + alias + "/" + chart + " --version " + version);
    return run("helm show values", () -> new Helm(archive).show().values().call());
  }

  /** {@code helm version --short}: the Helm that runs the commands (helm-java's own, no CLI). */
  public String version() {
    Evidence.documentedCommand("helm version --short");
    String version = run("helm version", () -> Helm.version().call()).trim();
    Evidence.text("helm version output", version);
    return version;
  }

  public Release install(HelmRelease release) {
    Path archive = pull(release.repository(), release.chart(), release.version());
    Evidence.documentedCommand(release.installCommand());
    InstallCommand install = new Helm(archive).install().withName(release.name())
        .withNamespace(release.namespace()).createNamespace().withKubeConfig(context.kubeconfig())
        .withTimeout(HelmTimeout.seconds());
    release.values().ifPresent(install::withValuesFile);
    release.sets().forEach(install::set);
    Release installed = runReleaseCommand(release.installCommand(), release.namespace(), install::call);
    Evidence.text("helm install output", installed.getOutput());
    return installed;
  }

  public Release upgrade(HelmRelease release) {
    Path archive = pull(release.repository(), release.chart(), release.version());
    Evidence.documentedCommand(release.upgradeCommand());
    UpgradeCommand upgrade = new Helm(archive).upgrade().withName(release.name())
        .withNamespace(release.namespace()).withKubeConfig(context.kubeconfig()).withTimeout(HelmTimeout.seconds());
    release.values().ifPresent(upgrade::withValuesFile);
    release.sets().forEach(upgrade::set);
    Release upgraded = runReleaseCommand(release.upgradeCommand(), release.namespace(), upgrade::call);
    Evidence.text("helm upgrade output", upgraded.getOutput());
    return upgraded;
  }

  /** {@code helm get values -n NS RELEASE}: the user-supplied values in use, as YAML. */
  public String getValues(String namespace, String releaseName, String chartReference) {
    Evidence.documentedCommand("helm get values -n " + namespace + " " + releaseName + " " + chartReference
        + " > values.yaml");
    String values = run("helm get values", () -> Helm.get(releaseName).values().withNamespace(namespace)
        .withKubeConfig(context.kubeconfig()).call());
    Evidence.yaml("values.yaml (values in use)", MaskedValues.of(values));
    return values;
  }

  public List<Release> list(String namespace) {
    Evidence.documentedCommand("helm list -n " + namespace);
    return run("helm list", () -> Helm.list().withNamespace(namespace).withKubeConfig(context.kubeconfig()).call());
  }

  public List<ReleaseHistory> history(String namespace, String releaseName) {
    Evidence.documentedCommand("helm history -n " + namespace + " " + releaseName);
    return run("helm history", () -> Helm.history(releaseName).withNamespace(namespace)
        .withKubeConfig(context.kubeconfig()).call());
  }

  public void uninstall(String namespace, String releaseName) {
    Evidence.documentedCommand("helm uninstall -n " + namespace + " " + releaseName);
    runReleaseCommand("helm uninstall -n " + namespace + " " + releaseName, namespace,
        () -> Helm.uninstall(releaseName).withNamespace(namespace).withKubeConfig(context.kubeconfig()).call());
  }

  private ChartRepositoryIndex index(String alias) {
    String url = repositories.get(alias);
    if (url == null) {
      throw new IllegalStateException("Helm repository '" + alias + "' was not added; run helm repo add first");
    }
    String indexUrl = (url.endsWith("/") ? url : url + "/") + "index.yaml";
    return ChartRepositoryIndex.parse(url, new String(get(URI.create(indexUrl)).body(),
        java.nio.charset.StandardCharsets.UTF_8));
  }

  private HttpResponse<byte[]> get(URI uri) {
    try {
      HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET()
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + uri + " answered HTTP " + response.statusCode());
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching " + uri, e);
    }
  }

  /**
   * A command that runs the release's hooks: its failure says what kind of procedure failure it is
   * and carries the failed hook Jobs' logs.
   */
  private <T> T runReleaseCommand(String command, String namespace, Supplier<T> call) {
    try {
      return run(command, call);
    } catch (HelmCommandException e) {
      ReleaseFailure failure = ReleaseFailure.of(e.getMessage());
      String logs = failure.cause() == ReleaseFailure.Cause.HOOK_JOB_FAILED
          || failure.cause() == ReleaseFailure.Cause.TIMED_OUT
          ? FailedHookLogs.attach(context, namespace, failure.failedJobs()) : "";
      throw new HelmCommandException(failure.headline() + ": " + e.getMessage() + logs, e);
    }
  }

  private static <T> T run(String command, Supplier<T> call) {
    RunInterruption interruption = HarnessRun.current().interruption();
    interruption.helmCallStarted();
    try {
      return HarnessRun.current().timings().time(RunTimings.Part.HELM, call);
    } catch (RuntimeException e) {
      if (String.valueOf(e.getMessage()).contains("context canceled")) {
        throw new HelmCommandException(command, new IllegalStateException(interruption.takenByHelm(command), e));
      }
      throw new HelmCommandException(command, e);
    } finally {
      interruption.helmCallEnded();
    }
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
