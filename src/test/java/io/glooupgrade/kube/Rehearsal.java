package io.glooupgrade.kube;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.lifecycle.HarnessRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plan mode's target: embedded clusters that stand for the configured ones, which are only read. */
final class Rehearsal {

  private Rehearsal() {
  }

  /**
   * Plan mode: the configured target is only read (its contexts and Kubernetes version, as the
   * safety guard would check them); the scenario is rehearsed on embedded clusters named after its
   * contexts, at its Kubernetes version, so that the documented commands it would perform there are
   * known without changing anything. Only the embedded default is a rehearsal of itself.
   */
  static Target start(HarnessSettings settings, List<String> roles) {
    List<String> contexts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String version = settings.kubernetesVersion();
    switch (settings.target()) {
      case "kubeconfig" -> {
        try (Target real = TargetResolver.kubeconfig(settings, roles, new ArrayList<>())) {
          for (String role : roles) {
            contexts.add(real.cluster(role).name());
            version = TargetResolver.checkReachable(real.cluster(role)).replaceAll("^v|[+-].*$", "");
          }
          try {
            SafetyGuard.requireAllowed(real, settings);
          } catch (UnsafeTargetException e) {
            notes.add("A real run would stop before its first change: " + e.getMessage());
          }
        }
      }
      case "k3s" -> roles.forEach(role -> contexts.add("k3s-" + role));
      case "embedded" -> contexts.addAll(roles.equals(List.of(TargetResolver.DEFAULT_ROLE)) ? List.of("embedded") : roles);
      default -> throw new TargetUnreachableException("target '" + settings.target() + "' is not available");
    }
    String reached = version;
    return TargetResolver.onEmbeddedWorld(version, roles, contexts, (world, clusters) -> {
      Map<String, String> planned = new LinkedHashMap<>();
      world.helmRepositoryUrls().forEach((alias, url) -> planned.put(url, settings.helmRepositories().get(alias)));
      String described = settings.target() + " contexts " + String.join(", ", contexts) + ", Kubernetes " + reached;
      HarnessRun.current().plan().rehearsing(described, planned, notes);
      return new Target("plan", clusters, world.helmRepositoryUrls(), List.of(world), TargetResolver.licenceOf(world))
          .reachedAt(reached);
    });
  }
}
