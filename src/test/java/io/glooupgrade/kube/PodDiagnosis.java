package io.glooupgrade.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * Why a pod does not run, as {@code kubectl describe pod} shows it: each waiting container's reason
 * and message (CrashLoopBackOff and how it last died, ContainerCreating) and the pod's Warning
 * events (a volume that cannot be mounted).
 */
public final class PodDiagnosis {

  private PodDiagnosis() {
  }

  /** ", NAME waiting: REASON (MESSAGE), last exit: ..." for each waiting container; empty if none. */
  public static String waiting(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return "";
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
        .map(c -> ", " + c.getName() + " waiting: " + c.getState().getWaiting().getReason()
            + (c.getState().getWaiting().getMessage() == null ? "" : " (" + c.getState().getWaiting().getMessage() + ")")
            + (c.getLastState() != null && c.getLastState().getTerminated() != null
                && c.getLastState().getTerminated().getMessage() != null
                ? ", last exit: " + c.getLastState().getTerminated().getMessage() : ""))
        .collect(Collectors.joining());
  }

  /** Running, but its Ready condition is not True: a readiness probe fails (its Unhealthy events say how). */
  public static boolean runningNotReady(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getConditions().stream()
            .noneMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The pod's Warning events, newest last, as "; REASON: MESSAGE"; empty if none or unreadable. */
  public static String warnings(KubernetesClient client, Pod pod) {
    try {
      return client.v1().events().inNamespace(pod.getMetadata().getNamespace()).list().getItems().stream()
          .filter(e -> e.getInvolvedObject() != null && "Pod".equals(e.getInvolvedObject().getKind())
              && pod.getMetadata().getName().equals(e.getInvolvedObject().getName()))
          .filter(e -> "Warning".equals(e.getType()))
          .sorted(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp())))
          .map(PodDiagnosis::event).collect(Collectors.joining());
    } catch (KubernetesClientException e) {
      return "";
    }
  }

  private static String event(Event e) {
    return "; " + e.getReason() + ": " + e.getMessage();
  }
}
