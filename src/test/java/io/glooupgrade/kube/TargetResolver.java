package io.glooupgrade.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.config.InvalidSettingsException;
import io.glooupgrade.config.LicenceKey;
import io.glooupgrade.embedded.EmbeddedWorld;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.lifecycle.RunTimings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.Yaml;

/**
 * The one place that turns the configured target into clusters. Only here does the harness know
 * whether a cluster is embedded; everything after this talks to a kubeconfig context. What the
 * preflight finds before a run is {@link PreflightProblems}; plan mode's stand-in clusters are a
 * {@link Rehearsal}; which contexts may be changed is the {@link SafetyGuard}'s call.
 */
public final class TargetResolver {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TargetResolver.class);

  /** The role of the single cluster of the upgrade and canary guides. */
  public static final String DEFAULT_ROLE = "cluster";
  private static final String LICENSE_KEY = "LICENSE_KEY";

  private TargetResolver() {
  }

  /**
   * Whether every scenario gets clusters of its own (the embedded target), so that scenarios may run
   * side by side; on a real cluster they share its namespaces and CRDs. Decided here, with the target.
   */
  public static boolean scenariosHaveOwnClusters(HarnessSettings settings) {
    return "embedded".equals(settings.target());
  }

  /** One cluster: the upgrade guide's and the OSS/Enterprise canary's. */
  public static Target resolve(HarnessSettings settings) {
    return resolve(settings, List.of(DEFAULT_ROLE));
  }

  /** One cluster per role, for example Federation's management, remote1 and remote2. */
  public static Target resolve(HarnessSettings settings, List<String> roles) {
    return resolve(settings, roles, false);
  }

  /**
   * The same for scenarios of an edition that needs a licence key: a target other than the
   * embedded one (which issues a trial key) must then have LICENSE_KEY. What the configuration
   * lacks (the key, a context the kubeconfig does not have) is reported at once, in one message,
   * before any cluster call.
   */
  public static Target resolve(HarnessSettings settings, List<String> roles, boolean needsLicence) {
    List<String> problems = new ArrayList<>();
    licenceProblem(settings, needsLicence).ifPresent(problems::add);
    if (settings.plan() && problems.isEmpty()) {
      return Rehearsal.start(settings, roles);
    }
    Target target = switch (settings.target()) {
      case "embedded" -> embedded(settings, roles, problems);
      case "kubeconfig" -> kubeconfig(settings, roles, problems);
      case "k3s" -> k3s(settings, roles, problems);
      default -> throw new TargetUnreachableException("target '" + settings.target()
          + "' is not available in this version of the harness; use harness.target=embedded, kubeconfig or k3s");
    };
    try {
      SafetyGuard.requireAllowed(target, settings); // decided from the kubeconfig alone, before any network call
      String version = null;
      for (String role : target.clusterRoles()) {
        String reached = checkReachable(target.cluster(role));
        version = version == null ? reached : version;
      }
      return target.reachedAt(version);
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /**
   * The embedded world's Helm repositories, but for those the run names itself (an offline mirror of
   * the real charts): the embedded clusters then install whatever charts those serve.
   */
  private static Map<String, String> repositories(EmbeddedWorld world, HarnessSettings settings) {
    Map<String, String> urls = new LinkedHashMap<>(world.helmRepositoryUrls());
    settings.configuredHelmRepositories().forEach((alias, url) -> {
      LOG.info("Helm repository {} is {} (harness.{}.repository): the embedded clusters run the charts it serves",
          alias, url, alias);
      urls.put(alias, url);
    });
    return Map.copyOf(urls);
  }

  private static Target embedded(HarnessSettings settings, List<String> roles, List<String> problems) {
    requireNone(problems);
    List<String> names = roles.equals(List.of(DEFAULT_ROLE)) ? List.of("embedded") : roles;
    return onEmbeddedWorld(settings.kubernetesVersion(), roles, names, (world, clusters) -> new Target("embedded",
        clusters, repositories(world, settings), List.of(world), licenceOf(world)).notExercising(world::unmodelledImages));
  }

  /**
   * Starts an embedded world with one cluster per role, named {@code names}, at this Kubernetes
   * version, and makes the target from it (the embedded target, or plan mode's rehearsal); the
   * world is closed again if that fails.
   */
  static Target onEmbeddedWorld(String version, List<String> roles, List<String> names,
      BiFunction<EmbeddedWorld, Map<String, KubeContext>, Target> target) {
    EmbeddedWorld world = HarnessRun.current().timings().time(RunTimings.Part.WORLD,
        () -> EmbeddedWorld.start(version, names));
    try {
      Map<String, KubeContext> clusters = new LinkedHashMap<>();
      for (int i = 0; i < roles.size(); i++) {
        clusters.put(roles.get(i), new KubeContext(names.get(i), world.kubeconfigs().get(names.get(i))));
      }
      return target.apply(world, clusters);
    } catch (RuntimeException e) {
      world.close();
      throw e;
    }
  }

  /** The licence key of the environment, else the embedded world's own. */
  static Optional<LicenceKey> licenceOf(EmbeddedWorld world) {
    return Optional.of(licenceFromEnvironment().orElse(new LicenceKey(world.licenceKey())));
  }

  // One k3s container per cluster role, each started by this run; the public Helm repositories.
  private static Target k3s(HarnessSettings settings, List<String> roles, List<String> problems) {
    requireNone(problems);
    Map<String, KubeContext> clusters = new LinkedHashMap<>();
    List<AutoCloseable> started = new ArrayList<>();
    try {
      for (String role : roles) {
        K3sCluster cluster = K3sCluster.start(settings.kubernetesVersion());
        started.add(cluster);
        clusters.put(role, cluster.context());
      }
    } catch (RuntimeException e) {
      for (AutoCloseable cluster : started) {
        try {
          cluster.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    return new Target("k3s", clusters, settings.helmRepositories(), started, licenceFromEnvironment());
  }

  static Target kubeconfig(HarnessSettings settings, List<String> roles, List<String> problems) {
    Path kubeconfig = settings.kubeconfig();
    if (!Files.isReadable(kubeconfig)) {
      problems.add("harness.kubeconfig " + kubeconfig + " does not exist or cannot be read");
      requireNone(problems);
    }
    Map<String, KubeContext> clusters = new LinkedHashMap<>();
    List<AutoCloseable> copies = new ArrayList<>();
    try {
      Map<String, String> contexts = RoleContexts.of(settings, roles, problems);
      requireNone(problems);
      for (String role : roles) {
        Map<String, Object> config = new Yaml().load(Files.readString(kubeconfig));
        String context = contexts.get(role);
        config.put("current-context", context);
        // A private copy whose current context is this one: Helm is pointed at a file, not a context.
        Path copy = Files.createTempFile("harness-kubeconfig-", ".yaml",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        copies.add(() -> Files.deleteIfExists(copy));
        Files.writeString(copy, new Yaml().dump(config));
        clusters.put(role, new KubeContext(context, copy));
      }
      return new Target("kubeconfig", clusters, settings.helmRepositories(), copies, licenceFromEnvironment());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    } catch (ClassCastException | org.yaml.snakeyaml.error.YAMLException e) {
      throw new TargetUnreachableException("kubeconfig " + kubeconfig + " is not a valid kubeconfig: "
          + e.getMessage());
    }
  }

  private static void requireNone(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
  }

  static Optional<String> licenceProblem(HarnessSettings settings, boolean needsLicence) {
    if (needsLicence && !settings.target().equals("embedded") && licenceFromEnvironment().isEmpty()) {
      return Optional.of("these scenarios install Gloo Edge Enterprise, which needs a licence key: set the "
          + "environment variable LICENSE_KEY (it is read from nowhere else)");
    }
    return Optional.empty();
  }

  // The licence key comes from the environment only, never from a file or a property that a
  // report could echo.
  static Optional<LicenceKey> licenceFromEnvironment() {
    return Optional.ofNullable(System.getenv(LICENSE_KEY)).filter(k -> !k.isBlank()).map(LicenceKey::new);
  }

  /** Fails fast, before any change, when the cluster cannot be reached. */
  static String checkReachable(KubeContext context) {
    try (KubernetesClient client = context.newClient()) {
      try {
        io.fabric8.kubernetes.client.VersionInfo version = client.getKubernetesVersion();
        if (version == null) { // fabric8 answers null when the /version call fails
          throw new KubernetesClientException("no answer to GET /version");
        }
        return version.getGitVersion();
      } catch (KubernetesClientException e) {
        throw new TargetUnreachableException("cannot reach the Kubernetes API of context '" + context.name()
            + "' at " + client.getMasterUrl() + ": " + rootMessage(e));
      }
    } catch (IllegalArgumentException e) {
      throw new TargetUnreachableException("the kubeconfig context '" + context.name() + "' cannot be used: "
          + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
  }
}
