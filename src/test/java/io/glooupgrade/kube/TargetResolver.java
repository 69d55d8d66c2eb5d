package io.glooupgrade.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.config.InvalidSettingsException;
import io.glooupgrade.config.LicenceKey;
import io.glooupgrade.embedded.EmbeddedWorld;
import io.glooupgrade.evidence.Plan;
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
import org.yaml.snakeyaml.Yaml;

/**
 * The one place that turns the configured target into clusters. Only here does the harness know
 * whether a cluster is embedded; everything after this talks to a kubeconfig context.
 */
public final class TargetResolver {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TargetResolver.class);

  /** The role of the single cluster of the upgrade and canary guides. */
  public static final String DEFAULT_ROLE = "cluster";
  private static final String LICENSE_KEY = "LICENSE_KEY";

  private TargetResolver() {
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
      return rehearsal(settings, roles);
    }
    Target target = switch (settings.target()) {
      case "embedded" -> embedded(settings, roles, problems);
      case "kubeconfig" -> kubeconfig(settings, roles, problems);
      case "k3s" -> k3s(settings, roles, problems);
      default -> throw new TargetUnreachableException("target '" + settings.target()
          + "' is not available in this version of the harness; use harness.target=embedded, kubeconfig or k3s");
    };
    try {
      requireAllowed(target, settings); // decided from the kubeconfig alone, before any network call
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
   * For the run's preflight: what is wrong with the target that can be known without contacting
   * it (the licence key, the kubeconfig, each role's context, the safety guard's allow-list), each
   * problem saying what, where and how to fix it. Plan mode only reads the target: a context
   * nobody allowed is no problem there. Nothing of the kubeconfig's credentials is quoted.
   */
  public static List<String> problemsBeforeContact(HarnessSettings settings, List<String> roles,
      boolean needsLicence) {
    List<String> problems = new ArrayList<>();
    licenceProblem(settings, needsLicence).ifPresent(problems::add);
    if (!settings.target().equals("kubeconfig")) {
      return problems; // the run starts its own clusters, for each scenario
    }
    Path kubeconfig = settings.kubeconfig();
    if (!Files.isReadable(kubeconfig)) {
      problems.add("harness.kubeconfig " + kubeconfig + " does not exist or cannot be read: name a readable "
          + "kubeconfig with -Dharness.kubeconfig=<file> (or KUBECONFIG)");
      return problems;
    }
    try {
      List<String> contextProblems = new ArrayList<>();
      Map<String, String> contexts = contextsOf(settings, roles, contextProblems);
      problems.addAll(contextProblems);
      if (!settings.plan()) {
        List<String> named = contexts.values().stream().filter(java.util.Objects::nonNull)
            .filter(c -> contextProblems.stream().noneMatch(p -> p.contains("'" + c + "'"))).distinct().toList();
        allowListRefusal(named, settings).ifPresent(problems::add);
      }
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) { // its own message would quote the file's lines
      problems.add("harness.kubeconfig " + kubeconfig + " is not valid YAML (line " + (e.getProblemMark().getLine() + 1)
          + ", column " + (e.getProblemMark().getColumn() + 1) + "): fix it, or name another kubeconfig");
    } catch (IOException | ClassCastException | NullPointerException | org.yaml.snakeyaml.error.YAMLException e) {
      problems.add("harness.kubeconfig " + kubeconfig + " is not a kubeconfig (no list of named contexts): "
          + "name another one, or check it with kubectl config get-contexts --kubeconfig " + kubeconfig);
    }
    return problems;
  }

  /**
   * For the run's preflight, once its configuration holds: one bounded probe per distinct API
   * server of the roles' contexts, the servers that did not answer each named once, with its
   * contexts ({@code causes} gets what was thrown, for -Dharness.debug=true).
   */
  public static List<String> unansweredApiServers(HarnessSettings settings, List<String> roles,
      List<Throwable> causes) {
    if (!settings.target().equals("kubeconfig")) {
      return List.of(); // the run's own clusters do not exist yet
    }
    Map<String, List<String>> contextsByServer = new LinkedHashMap<>();
    Map<String, KubeContext> probeThrough = new LinkedHashMap<>();
    Map<String, String> settingOf = new LinkedHashMap<>();
    try {
      contextsOf(settings, roles, new ArrayList<>()).forEach((role, name) -> {
        KubeContext context = new KubeContext(name, settings.kubeconfig());
        String server = context.apiServer();
        probeThrough.putIfAbsent(server, context);
        settingOf.putIfAbsent(server, role.equals(DEFAULT_ROLE) ? "harness.context" : "harness.context." + role);
        List<String> names = contextsByServer.computeIfAbsent(server, s -> new ArrayList<>());
        if (!names.contains(name)) {
          names.add(name);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + settings.kubeconfig(), e);
    }
    List<String> problems = new ArrayList<>();
    ApiServerProbe.unanswered(probeThrough).forEach((server, unanswered) -> {
      List<String> names = contextsByServer.get(server).stream().map(c -> "'" + c + "'").toList();
      problems.add("the Kubernetes API at " + server + " (context" + (names.size() > 1 ? "s " : " ")
          + String.join(", ", names) + ") cannot be reached: " + unanswered.reason() + " (one GET /version, "
          + ApiServerProbe.TIMEOUT.toSeconds() + " s to connect and " + ApiServerProbe.TIMEOUT.toSeconds()
          + " s to answer); check that the cluster runs and that this machine reaches it (VPN, proxy, "
          + "firewall), or name another context (" + settingOf.get(server) + ")");
      if (unanswered.cause() != null) {
        causes.add(unanswered.cause());
      }
    });
    return problems;
  }

  /**
   * Plan mode: the configured target is only read (its contexts and Kubernetes version, as the
   * safety guard would check them); the scenario is rehearsed on embedded clusters named after its
   * contexts, at its Kubernetes version, so that the documented commands it would perform there are
   * known without changing anything. Only the embedded default is a rehearsal of itself.
   */
  private static Target rehearsal(HarnessSettings settings, List<String> roles) {
    List<String> contexts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String version = settings.kubernetesVersion();
    switch (settings.target()) {
      case "kubeconfig" -> {
        try (Target real = kubeconfig(settings, roles, new ArrayList<>())) {
          for (String role : roles) {
            contexts.add(real.cluster(role).name());
            version = checkReachable(real.cluster(role)).replaceAll("^v|[+-].*$", "");
          }
          try {
            requireAllowed(real, settings);
          } catch (UnsafeTargetException e) {
            notes.add("A real run would stop before its first change: " + e.getMessage());
          }
        }
      }
      case "k3s" -> roles.forEach(role -> contexts.add("k3s-" + role));
      case "embedded" -> contexts.addAll(roles.equals(List.of(DEFAULT_ROLE)) ? List.of("embedded") : roles);
      default -> throw new TargetUnreachableException("target '" + settings.target() + "' is not available");
    }
    EmbeddedWorld world = EmbeddedWorld.start(version, contexts);
    Map<String, KubeContext> clusters = new LinkedHashMap<>();
    for (int i = 0; i < roles.size(); i++) {
      clusters.put(roles.get(i), new KubeContext(contexts.get(i), world.kubeconfigs().get(contexts.get(i))));
    }
    Map<String, String> planned = new LinkedHashMap<>();
    world.helmRepositoryUrls().forEach((alias, url) -> planned.put(url, settings.helmRepositories().get(alias)));
    Plan.rehearsing(settings.target() + " contexts " + String.join(", ", contexts) + ", Kubernetes " + version,
        planned, notes);
    return new Target("plan", clusters, world.helmRepositoryUrls(), List.of(world),
        Optional.of(licenceFromEnvironment().orElse(new LicenceKey(world.licenceKey())))).reachedAt(version);
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
    EmbeddedWorld world = EmbeddedWorld.start(settings.kubernetesVersion(), names);
    Map<String, KubeContext> clusters = new LinkedHashMap<>();
    for (int i = 0; i < roles.size(); i++) {
      clusters.put(roles.get(i), new KubeContext(names.get(i), world.kubeconfigs().get(names.get(i))));
    }
    return new Target("embedded", clusters, repositories(world, settings), List.of(world),
        Optional.of(licenceFromEnvironment().orElse(new LicenceKey(world.licenceKey()))))
        .notExercising(world::unmodelledImages);
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

  private static Target kubeconfig(HarnessSettings settings, List<String> roles, List<String> problems) {
    Path kubeconfig = settings.kubeconfig();
    if (!Files.isReadable(kubeconfig)) {
      problems.add("harness.kubeconfig " + kubeconfig + " does not exist or cannot be read");
      requireNone(problems);
    }
    Map<String, KubeContext> clusters = new LinkedHashMap<>();
    List<AutoCloseable> copies = new ArrayList<>();
    try {
      Map<String, String> contexts = contextsOf(settings, roles, problems);
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

  // Each role's context, checked against the contexts the kubeconfig has.
  @SuppressWarnings("unchecked")
  private static Map<String, String> contextsOf(HarnessSettings settings, List<String> roles, List<String> problems)
      throws IOException {
    Map<String, Object> config = new Yaml().load(Files.readString(settings.kubeconfig()));
    List<String> known = ((List<Map<String, Object>>) config.getOrDefault("contexts", List.of())).stream()
        .map(c -> String.valueOf(c.get("name"))).toList();
    Map<String, String> contexts = new LinkedHashMap<>();
    for (String role : roles) {
      boolean single = role.equals(DEFAULT_ROLE);
      String context = single
          ? (settings.context() != null ? settings.context() : (String) config.get("current-context"))
          : settings.contextOf(role);
      String setting = single ? "harness.context" : "harness.context." + role;
      if (context == null) {
        problems.add("kubeconfig " + settings.kubeconfig() + " has no current-context; set " + setting
            + " to one of its contexts: " + known);
      } else if (!known.contains(context)) {
        problems.add(setting + " names context '" + context + "', which kubeconfig " + settings.kubeconfig()
            + " does not have; its contexts: " + known);
      }
      contexts.put(role, context);
    }
    return contexts;
  }

  private static void requireNone(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
  }

  /**
   * The safety guard: every scenario installs, upgrades, uninstalls or deletes, so a kubeconfig
   * context is used only when harness.allowContexts names it; the run stops here, before its first
   * change. Embedded clusters and k3s containers are the harness's own: this run started them.
   */
  private static void requireAllowed(Target target, HarnessSettings settings) {
    if (target.kind().equals("embedded") || target.kind().equals("k3s")) {
      return;
    }
    allowListRefusal(target.clusterRoles().stream().map(role -> target.cluster(role).name()).toList(), settings)
        .ifPresent(refusal -> {
          throw new UnsafeTargetException(refusal);
        });
  }

  // The guard's message for the contexts harness.allowContexts does not name, if any.
  private static Optional<String> allowListRefusal(List<String> contexts, HarnessSettings settings) {
    List<String> refused = contexts.stream().filter(context -> !settings.allowContexts().contains(context))
        .distinct().toList();
    if (refused.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("the kubeconfig context" + (refused.size() > 1 ? "s " : " ")
        + String.join(", ", refused.stream().map(c -> "'" + c + "'").toList())
        + (refused.size() > 1 ? " are" : " is") + " not in harness.allowContexts, and the scenarios install, "
        + "upgrade, uninstall and delete Gloo Edge there; nothing was changed. If "
        + (refused.size() > 1 ? "these clusters are" : "this cluster is") + " yours to change, allow "
        + (refused.size() > 1 ? "them" : "it") + ": -Dharness.allowContexts=" + String.join(",", refused)
        + " (or HARNESS_ALLOWCONTEXTS)");
  }

  private static Optional<String> licenceProblem(HarnessSettings settings, boolean needsLicence) {
    if (needsLicence && !settings.target().equals("embedded") && licenceFromEnvironment().isEmpty()) {
      return Optional.of("these scenarios install Gloo Edge Enterprise, which needs a licence key: set the "
          + "environment variable LICENSE_KEY (it is read from nowhere else)");
    }
    return Optional.empty();
  }

  // The licence key comes from the environment only, never from a file or a property that a
  // report could echo.
  private static Optional<LicenceKey> licenceFromEnvironment() {
    return Optional.ofNullable(System.getenv(LICENSE_KEY)).filter(k -> !k.isBlank()).map(LicenceKey::new);
  }

  /** Fails fast, before any change, when the cluster cannot be reached. */
  private static String checkReachable(KubeContext context) {
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
