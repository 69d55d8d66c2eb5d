package io.glooupgrade.kube;

import io.glooupgrade.config.HarnessSettings;
import java.util.List;
import java.util.Optional;

/**
 * The safety guard: every scenario installs, upgrades, uninstalls or deletes, so a kubeconfig
 * context is used only when harness.allowContexts names it; the run stops before its first
 * change. Embedded clusters and k3s containers are the harness's own: this run started them.
 */
final class SafetyGuard {

  private SafetyGuard() {
  }

  static void requireAllowed(Target target, HarnessSettings settings) {
    if (target.kind().equals("embedded") || target.kind().equals("k3s")) {
      return;
    }
    refusal(target.clusterRoles().stream().map(role -> target.cluster(role).name()).toList(), settings)
        .ifPresent(refusal -> {
          throw new UnsafeTargetException(refusal);
        });
  }

  /** The guard's message for the contexts harness.allowContexts does not name, if any. */
  static Optional<String> refusal(List<String> contexts, HarnessSettings settings) {
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
}
