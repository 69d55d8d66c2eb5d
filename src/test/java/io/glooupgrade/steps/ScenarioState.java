package io.glooupgrade.steps;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.config.UpgradeVersions;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.evidence.compliance.ScenarioFacts;
import io.glooupgrade.evidence.compliance.TargetIdentity;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.ExamplesEdition;
import io.glooupgrade.gloo.GlooEdge;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.UpgradePath;
import io.glooupgrade.kube.CleanupStack;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.lifecycle.ScenarioNeeds;
import io.glooupgrade.traffic.TrafficProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one scenario works on, shared by the step classes (picocontainer gives each scenario a
 * fresh one): the settings, the edition its tag names, the resolved target (one cluster, or
 * Federation's management and remotes), the installations under test and what to clean up.
 */
public final class ScenarioState {

  private HarnessSettings settings;
  private Edition edition;
  private Target target;
  private Path workDir;
  private final Map<String, GlooEdge> glooByCluster = new LinkedHashMap<>();
  private final Map<String, GlooInstallation> installations = new LinkedHashMap<>();
  private final CleanupStack cleanup = new CleanupStack();
  private TrafficProbe probe;
  private Runnable ended;
  private boolean closed;
  private UpgradeVersions resolvedVersions;
  private UpgradePath offeredReleases;
  private String name;

  void open(String scenarioId, String name, Collection<String> tags, java.net.URI feature, Integer line) {
    HarnessRun.current().interruption().requireNotInterrupted();
    this.name = name;
    settings = HarnessSettings.fromEnvironment();
    // A Scenario Outline's Examples row names its edition; other scenarios take it from their tag.
    edition = "file".equals(feature.getScheme()) && line != null
        ? ExamplesEdition.of(Path.of(feature), line, tags) : Edition.ofTags(tags);
    ScenarioNeeds needs = ScenarioNeeds.of(tags);
    target = TargetResolver.resolve(settings, needs.roles(), needs.licensed());
    try {
      workDir = Files.createTempDirectory("gloo-upgrade-scenario-");
    } catch (IOException e) {
      target.close();
      throw new UncheckedIOException(e);
    }
    ended = HarnessRun.current().interruption().scenarioStarted(name, this::close);
    // What ran against which cluster, for the report's environment and the compliance record; the
    // licence key only to keep it out of the record. (The versions may be read from the cluster.)
    target.licenceKey().ifPresent(key -> HarnessRun.current().facts().secret(key.value()));
    ScenarioFacts facts = new ScenarioFacts(edition.name().toLowerCase(java.util.Locale.ROOT), versions(),
        TargetIdentity.of(target));
    HarnessRun.current().environment().record(facts);
    HarnessRun.current().facts().record(scenarioId, facts);
  }

  /**
   * Undoes what the scenario created. Runs once, from the scenario's After hook or, if the run is
   * interrupted and the scenario does not end in time, from the shutdown hook.
   */
  /** Why the scenario's target is gone, if its API servers no longer answer; empty while they do. */
  Optional<String> lostTarget() {
    if (target == null) {
      return Optional.empty();
    }
    java.util.Map<String, String> unanswered = target.unansweredApiServers();
    return unanswered.isEmpty() ? Optional.empty() : Optional.of("the target stopped answering during the scenario '"
        + name + "': " + unanswered.entrySet().stream().map(e -> "the Kubernetes API at " + e.getKey() + " ("
            + e.getValue() + ")").collect(java.util.stream.Collectors.joining(", "))
        + "; the scenarios left cannot run there");
  }

  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // An interrupted run interrupts this thread to stop the step; the cleanup itself must still wait.
    Thread.interrupted();
    try {
      if (probe != null) {
        probe.close();
      }
      cleanup.runAll();
    } finally {
      if (target != null) {
        target.notExercised().ifPresent(images -> Evidence.text("unmodelled images", "The cluster ran these images "
            + "without a model of what they do (inert containers, licence checks only, Jobs that exited 0 at once):"
            + "\n" + images));
      }
      glooByCluster.values().forEach(GlooEdge::close);
      if (target != null) {
        target.close();
      }
      deleteWorkDir();
      if (ended != null) {
        ended.run();
      }
    }
  }

  // The work folder holds pulled charts and values.yaml files, which may carry a licence key.
  private void deleteWorkDir() {
    if (workDir == null) {
      return;
    }
    try (var files = Files.walk(workDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the scenario's work folder " + workDir, e);
    }
  }

  HarnessSettings settings() {
    return settings;
  }

  Edition edition() {
    return edition;
  }

  /**
   * The versions of this scenario's edition: current, $NEW_VERSION, $ROLLBACK_VERSION; words
   * (installed, previous-minor, latest) are found once, on the cluster or in the edition's
   * repository ({@code helm search repo --versions}, attached to the report).
   */
  UpgradeVersions versions() {
    UpgradeVersions configured = settings.versionsOf(edition);
    if (!configured.needsResolving()) {
      return configured;
    }
    if (resolvedVersions == null) {
      resolvedVersions = configured.resolved(
          () -> gloo().installedVersion(edition, GlooInstallation.DEFAULT_NAMESPACE),
          () -> offeredReleases().newest(), next -> offeredReleases().latestPatchOfPreviousMinor(next));
    }
    return resolvedVersions;
  }

  private UpgradePath offeredReleases() {
    if (offeredReleases == null) {
      gloo().addRepository(edition);
      List<String> offered = gloo().offeredVersions(edition);
      if (offered.isEmpty()) {
        throw new IllegalStateException("the repository of " + edition.chartReference() + " offers no version: "
            + "'latest' and 'previous-minor' have nothing to choose from");
      }
      offeredReleases = new UpgradePath(edition.chartReference(), offered);
    }
    return offeredReleases;
  }

  Target target() {
    return target;
  }

  /** The Gloo Edge actions on the default cluster (Federation: the management cluster). */
  GlooEdge gloo() {
    return gloo(target.clusterRoles().get(0));
  }

  /** The Gloo Edge actions on one cluster, by role. */
  GlooEdge gloo(String clusterRole) {
    return glooByCluster.computeIfAbsent(clusterRole, role -> {
      try {
        return new GlooEdge(target, target.cluster(role), Files.createDirectories(workDir.resolve(role)),
            settings.valuesFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  List<String> clusterRoles() {
    return target.clusterRoles();
  }

  /** The traffic probe a step started; it is stopped when the scenario ends, whatever happens. */
  void probe(TrafficProbe started) {
    if (probe != null) {
      probe.close();
    }
    probe = started;
  }

  TrafficProbe probe() {
    if (probe == null) {
      throw new IllegalStateException("no traffic flows: a step \"traffic flows to ...\" must start it first");
    }
    return probe;
  }

  CleanupStack cleanup() {
    return cleanup;
  }

  /** The installation under test: the one installed first, unless a step made another current. */
  GlooInstallation installation() {
    if (installations.isEmpty()) {
      throw new IllegalStateException("no Gloo Edge installation yet: a Given step must install it first");
    }
    return installations.values().iterator().next();
  }

  /** Records the installation under test (replacing the one in the same namespace, after an upgrade). */
  void installation(GlooInstallation installation) {
    installations.put(installation.namespace(), installation);
  }

  /** The installation in a namespace, as the canary guide has two side by side. */
  GlooInstallation installationIn(String namespace) {
    GlooInstallation installation = installations.get(namespace);
    if (installation == null) {
      throw new IllegalStateException("no Gloo Edge installation in " + namespace + "; installed: "
          + installations.keySet());
    }
    return installation;
  }

  /**
   * Installs with Helm on a cluster and records the undo: {@code glooctl uninstall}, and the
   * namespace's deletion if the install created it.
   */
  void install(String clusterRole, GlooInstallation installation) {
    GlooEdge cluster = gloo(clusterRole);
    String namespace = installation.namespace();
    String context = " --context " + target.cluster(clusterRole).name();
    boolean namespaceExisted = cluster.client().namespaces().withName(namespace).get() != null;
    Set<String> crdsBefore = cluster.crdNames();
    // Pushed before the install, so that a half-done install is undone too.
    if (!namespaceExisted) {
      cleanup.push("kubectl delete namespace " + namespace + context,
          () -> cluster.client().namespaces().withName(namespace).delete());
    }
    cleanup.push("kubectl delete crd (those the install created)" + context, () -> {
      List<String> created = cluster.crdNames().stream().filter(n -> !crdsBefore.contains(n)).toList();
      if (!created.isEmpty()) {
        cluster.deleteCrds(created);
      }
    });
    cleanup.push("glooctl uninstall -n " + namespace + context + ", then delete the release's leftover hooks",
        () -> cluster.uninstallLeavingNothing(installation));
    cluster.install(installation);
  }

  /** Records objects a step created, to delete them when the scenario ends. */
  void created(String clusterRole, List<HasMetadata> objects) {
    GlooEdge cluster = gloo(clusterRole);
    for (HasMetadata o : objects) {
      cleanup.push("kubectl delete " + o.getKind().toLowerCase(java.util.Locale.ROOT) + " " + o.getMetadata().getName()
          + (o.getMetadata().getNamespace() == null ? "" : " -n " + o.getMetadata().getNamespace())
          + " --context " + target.cluster(clusterRole).name(), () -> cluster.client().resource(o).delete());
    }
  }

  void forget(String namespace) {
    installations.remove(namespace);
  }
}
