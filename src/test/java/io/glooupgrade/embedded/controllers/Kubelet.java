package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the kubelet reports of a pod: scheduled, started, and Ready as its readiness rules say;
 * a Job's pod runs to completion (Succeeded, reason PodCompleted).
 */
final class Kubelet {

  private final KubernetesClient client;
  private final PodReadiness readiness;
  private final AtomicInteger nextIp = new AtomicInteger(2);

  Kubelet(KubernetesClient client, PodReadiness readiness) {
    this.client = client;
    this.readiness = readiness;
  }

  void reconcile(String namespace, String name) {
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    if (pod == null || "Succeeded".equals(phaseOf(pod))) {
      return;
    }
    boolean jobPod = Owners.controllerOf(pod).map(r -> r.getKind().equals("Job")).orElse(false);
    PodReadiness.Verdict verdict = jobPod ? PodReadiness.Verdict.READY : readiness.of(pod);
    PodStatus status = new PodStatus();
    String started = pod.getStatus() != null && pod.getStatus().getStartTime() != null
        ? pod.getStatus().getStartTime() : Instant.now().toString();
    status.setStartTime(started);
    status.setHostIP("127.0.0.1");
    status.setPodIP(pod.getStatus() != null && pod.getStatus().getPodIP() != null
        ? pod.getStatus().getPodIP() : "10.244.0." + (nextIp.getAndIncrement() % 250 + 2));
    boolean ready = !jobPod && verdict.state() == PodReadiness.State.READY;
    boolean crashing = verdict.state() == PodReadiness.State.CRASH_LOOP;
    status.setPhase(jobPod ? "Succeeded" : "Running");
    List<ContainerStatus> containers = new ArrayList<>();
    for (Container c : pod.getSpec().getContainers()) {
      ContainerStatusBuilder b = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
          .withImageID(c.getImage()).withReady(ready).withStarted(!jobPod)
          .withRestartCount(crashing ? 5 : 0);
      if (jobPod) {
        b.withNewState().withNewTerminated().withExitCode(0).withReason("Completed").withFinishedAt(started)
            .endTerminated().endState();
      } else if (crashing) {
        b.withNewState().withNewWaiting().withReason("CrashLoopBackOff")
            .withMessage("back-off restarting failed container " + c.getName() + " in pod " + name
                + (verdict.message() == null ? "" : ": " + verdict.message()))
            .endWaiting().endState()
            .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
            .withMessage(verdict.message()).endTerminated().endLastState();
      } else {
        b.withNewState().withNewRunning().withStartedAt(started).endRunning().endState();
      }
      containers.add(b.build());
    }
    status.setContainerStatuses(containers);
    String notReadyReason = jobPod ? "PodCompleted" : "ContainersNotReady";
    status.setConditions(List.of(
        condition(pod, "PodScheduled", true, null),
        condition(pod, "Initialized", true, jobPod ? "PodCompleted" : null),
        condition(pod, "ContainersReady", ready, ready ? null : notReadyReason),
        condition(pod, "Ready", ready, ready ? null : notReadyReason)));
    if (sameStatus(pod.getStatus(), status)) {
      return;
    }
    pod.setStatus(status);
    pod.getMetadata().setResourceVersion(null);
    client.pods().inNamespace(namespace).resource(pod).patchStatus();
  }

  private static PodCondition condition(Pod pod, String type, boolean value, String reason) {
    String status = value ? "True" : "False";
    String transition = pod.getStatus() == null ? null : pod.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type) && c.getStatus().equals(status))
        .map(PodCondition::getLastTransitionTime).findFirst().orElse(null);
    return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withLastTransitionTime(transition == null ? Instant.now().toString() : transition).build();
  }

  private static boolean sameStatus(PodStatus a, PodStatus b) {
    return a != null && Objects.equals(a.getPhase(), b.getPhase())
        && Objects.equals(a.getConditions(), b.getConditions())
        && Objects.equals(a.getContainerStatuses(), b.getContainerStatuses());
  }

  static String phaseOf(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }
}
