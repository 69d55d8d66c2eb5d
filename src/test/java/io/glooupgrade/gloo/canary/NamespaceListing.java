package io.glooupgrade.gloo.canary;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code kubectl get all -n NS}, as the canary guide's step 5 reads it: Deployments with their
 * ready and available replicas, Pods with their readiness and why a container waits, Services
 * with their type and ports. Evidence for a reviewer; the verdicts come from the rollout wait.
 */
public final class NamespaceListing {

  private NamespaceListing() {
  }

  public static String of(KubernetesClient client, String namespace) {
    String deployments = client.apps().deployments().inNamespace(namespace).list().getItems().stream()
        .map(NamespaceListing::deployment).collect(Collectors.joining("\n"));
    String pods = client.pods().inNamespace(namespace).list().getItems().stream()
        .map(NamespaceListing::pod).collect(Collectors.joining("\n"));
    String services = client.services().inNamespace(namespace).list().getItems().stream()
        .map(NamespaceListing::service).collect(Collectors.joining("\n"));
    return "NAME                              READY   STATUS\n" + (pods.isEmpty() ? "(no pods)" : pods)
        + "\n\nNAME                              TYPE   PORTS\n" + (services.isEmpty() ? "(no services)" : services)
        + "\n\nNAME                              READY   UP-TO-DATE   AVAILABLE\n"
        + (deployments.isEmpty() ? "(no deployments)" : deployments);
  }

  private static String deployment(Deployment d) {
    int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
    var s = d.getStatus();
    int ready = s == null ? 0 : Objects.requireNonNullElse(s.getReadyReplicas(), 0);
    return String.format("deployment.apps/%-20s %d/%d     %-12d %d", d.getMetadata().getName(), ready, desired,
        s == null ? 0 : Objects.requireNonNullElse(s.getUpdatedReplicas(), 0),
        s == null ? 0 : Objects.requireNonNullElse(s.getAvailableReplicas(), 0));
  }

  private static String pod(Pod p) {
    var statuses = p.getStatus() == null ? java.util.List.<ContainerStatus>of() : p.getStatus().getContainerStatuses();
    long ready = statuses.stream().filter(c -> Boolean.TRUE.equals(c.getReady())).count();
    String waiting = statuses.stream().filter(c -> c.getState() != null && c.getState().getWaiting() != null)
        .map(c -> c.getState().getWaiting().getReason()).findFirst().orElse(null);
    String phase = waiting != null ? waiting : p.getStatus() == null ? "Pending" : p.getStatus().getPhase();
    return String.format("pod/%-28s %d/%d     %s", p.getMetadata().getName(), ready,
        p.getSpec().getContainers().size(), phase);
  }

  private static String service(Service s) {
    return String.format("service/%-24s %s   %s", s.getMetadata().getName(), s.getSpec().getType(),
        s.getSpec().getPorts().stream().map(p -> p.getPort() + "/" + p.getProtocol())
            .collect(Collectors.joining(",")));
  }
}
