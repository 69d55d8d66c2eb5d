package io.glooupgrade.world;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.ExamplesEdition;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.lifecycle.ScenarioNeeds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The target one scenario runs against and its clusters (one, or Federation's management and
 * remotes): resolved from the settings when the scenario opens, with the Gloo Edge actions on
 * each cluster, and a work folder for pulled charts and values files. Let go when the scenario ends.
 */
public final class ScenarioTarget {

  private final ScenarioEnd end;
  private final Map<String, GlooEdge> glooByCluster = new LinkedHashMap<>();
  private HarnessSettings settings;
  private Edition edition;
  private Target target;
  private Path workDir;
  private String name;
  private String scenarioId;

  public ScenarioTarget(ScenarioEnd end) {
    this.end = end;
  }

  /**
   * Resolves the scenario's target: the edition its Examples row or tag names, and the clusters its
   * tags need. A run that was interrupted starts no scenario.
   */
  public void open(String scenarioId, String name, Collection<String> tags, URI feature, Integer line) {
    HarnessRun.current().interruption().requireNotInterrupted();
    this.scenarioId = scenarioId;
    this.name = name;
    settings = HarnessSettings.fromEnvironment();
    // A Scenario Outline's Examples row names its edition; other scenarios take it from their tag.
    edition = "file".equals(feature.getScheme()) && line != null
        ? ExamplesEdition.of(Path.of(feature), line, tags) : Edition.ofTags(tags);
    ScenarioNeeds needs = ScenarioNeeds.of(tags);
    target = TargetResolver.resolve(settings, needs.roles(), needs.licensed());
    end.onEnd(ScenarioEnd.Phase.CLUSTERS, this::close);
    try {
      workDir = Files.createTempDirectory("gloo-upgrade-scenario-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runnable ended = HarnessRun.current().interruption().scenarioStarted(name, end::end);
    end.onEnd(ScenarioEnd.Phase.OVER, ended);
  }

  /** Cucumber's id of the scenario, which the run's compliance facts are keyed by. */
  public String scenarioId() {
    return scenarioId;
  }

  public HarnessSettings settings() {
    return settings;
  }

  public Edition edition() {
    return edition;
  }

  public Target target() {
    return target;
  }

  /** The roles of the target's clusters, the default (Federation: the management cluster) first. */
  public List<String> clusterRoles() {
    return target.clusterRoles();
  }

  /** The default cluster's role (Federation: the management cluster). */
  public String defaultRole() {
    return clusterRoles().get(0);
  }

  /** The kubeconfig context of a cluster, by role. */
  public String context(String clusterRole) {
    return target.cluster(clusterRole).name();
  }

  /** The Gloo Edge actions on the default cluster (Federation: the management cluster). */
  public GlooEdge gloo() {
    return gloo(defaultRole());
  }

  /** The Gloo Edge actions on one cluster, by role. */
  public synchronized GlooEdge gloo(String clusterRole) {
    return glooByCluster.computeIfAbsent(clusterRole, role -> {
      try {
        return new GlooEdge(target, target.cluster(role), Files.createDirectories(workDir.resolve(role)),
            settings.valuesFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Why the scenario's target is gone, if its API servers no longer answer; empty while they do. */
  public Optional<String> lostTarget() {
    if (target == null) {
      return Optional.empty();
    }
    Map<String, String> unanswered = target.unansweredApiServers();
    return unanswered.isEmpty() ? Optional.empty() : Optional.of("the target stopped answering during the scenario '"
        + name + "': " + unanswered.entrySet().stream().map(e -> "the Kubernetes API at " + e.getKey() + " ("
            + e.getValue() + ")").collect(Collectors.joining(", "))
        + "; the scenarios left cannot run there");
  }

  private void close() {
    try {
      target.notExercised().ifPresent(images -> Evidence.text("unmodelled images", "The cluster ran these images "
          + "without a model of what they do (inert containers, licence checks only, Jobs that exited 0 at once):"
          + "\n" + images));
    } finally {
      glooByCluster.values().forEach(GlooEdge::close);
      target.close();
      deleteWorkDir();
    }
  }

  // The work folder holds pulled charts and values.yaml files, which may carry a licence key.
  private void deleteWorkDir() {
    if (workDir == null) {
      return;
    }
    try (var files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the scenario's work folder " + workDir, e);
    }
  }
}
