package io.glooupgrade.gloo.canary;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.gloo.glooctl.HarnessEquivalent;
import io.glooupgrade.kube.WaitTimeout;
import io.glooupgrade.kube.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code kubectl delete ns NS}, as the canary guide deletes a previous version's namespace (step
 * 11.3, rollback step 4.3): it waits until the namespace is gone, and names what the Helm releases
 * of that namespace leave behind at cluster scope (ClusterRoles, ClusterRoleBindings, and validating
 * webhooks that call a Service of the namespace), since deleting a namespace uninstalls no release.
 */
public final class NamespaceDeletion {

  private static final String RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";

  private NamespaceDeletion() {
  }

  /** Deletes the namespace and returns the cluster-scoped objects its releases left behind. */
  public static List<HasMetadata> delete(KubernetesClient client, String context, String namespace) {
    String command = "kubectl delete ns " + namespace + " --context " + context;
    Evidence.documentedCommand(command);
    long start = System.nanoTime();
    client.namespaces().withName(namespace).delete();
    Waits.until("namespace " + namespace + " on " + context + " to be deleted", WaitTimeout.ROLLOUT,
        () -> client.namespaces().withName(namespace).get(), n -> n == null, NamespaceDeletion::describe);
    HarnessEquivalent.attach(command, "what was done", "Namespace " + namespace + " deleted through the API on "
        + context + "; it was gone " + java.time.Duration.ofNanos(System.nanoTime() - start).toMillis()
        + " ms later (waited until the API no longer returned it)");
    List<HasMetadata> left = leftBehind(client, namespace);
    Evidence.text("left behind at cluster scope by the releases of " + namespace, left.isEmpty() ? "nothing"
        : left.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.joining("\n")));
    return left;
  }

  /** Removes what {@link #delete} reported as left behind, for a scenario's cleanup. */
  public static void removeLeftovers(KubernetesClient client, List<HasMetadata> leftBehind) {
    leftBehind.forEach(o -> client.resource(o).delete());
  }

  private static List<HasMetadata> leftBehind(KubernetesClient client, String namespace) {
    List<HasMetadata> released = new ArrayList<>();
    released.addAll(client.rbac().clusterRoles().list().getItems());
    released.addAll(client.rbac().clusterRoleBindings().list().getItems());
    List<HasMetadata> left = new ArrayList<>(released.stream().filter(o -> o.getMetadata().getAnnotations() != null
        && namespace.equals(o.getMetadata().getAnnotations().get(RELEASE_NAMESPACE))).toList());
    // Webhook configurations are Helm hooks (no release annotations): found by the Service they call.
    client.admissionRegistration().v1().validatingWebhookConfigurations().list().getItems().stream()
        .filter(w -> w.getWebhooks() != null && w.getWebhooks().stream().anyMatch(h -> h.getClientConfig() != null
            && h.getClientConfig().getService() != null
            && namespace.equals(h.getClientConfig().getService().getNamespace())))
        .forEach(left::add);
    return left;
  }

  // What kubectl describe ns shows of a namespace that does not go: its phase and why (conditions).
  private static String describe(Namespace namespace) {
    if (namespace == null) {
      return "  gone";
    }
    var status = namespace.getStatus();
    String conditions = status == null || status.getConditions() == null ? "" : status.getConditions().stream()
        .filter(c -> "True".equals(c.getStatus()))
        .map(c -> "\n  " + c.getType() + ": " + c.getMessage()).collect(Collectors.joining());
    return "  namespace still there, phase " + (status == null ? "-" : status.getPhase()) + conditions;
  }
}
