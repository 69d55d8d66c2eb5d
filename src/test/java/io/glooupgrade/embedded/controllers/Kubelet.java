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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the kubelet reports of a pod. A pod whose volume or env source is missing stays Pending
 * (ContainerCreating or CreateContainerConfigError, with the kubelet's event). A serving pod
 * (restartPolicy Always) runs and is Ready as its readiness rules say; a pod that runs to an end
 * (a Job's) runs its containers in the {@link ContainerRuntime} and ends Succeeded or Failed by
 * their exit codes.
 */
final class Kubelet {

  private final KubernetesClient client;
  private final PodReadiness readiness;
  private final ContainerRuntime runtime;
  private final PodVolumes volumes;
  private final ContainerEnvironment environment;
  private final KubeletEvents events;
  private final AtomicInteger nextIp = new AtomicInteger(2);

  Kubelet(KubernetesClient client, PodReadiness readiness, ContainerRuntime runtime, PodVolumes volumes) {
    this.client = client;
    this.readiness = readiness;
    this.runtime = runtime;
    this.volumes = volumes;
    this.environment = new ContainerEnvironment(client);
    this.events = new KubeletEvents(client);
  }

  void reconcile(String namespace, String name) {
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    if (pod == null || isFinished(pod) || pod.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    PodStatus status = baseStatus(pod);
    try {
      if (runsToCompletion(pod)) {
        runToCompletion(pod, status);
      } else {
        volumes.checkSources(pod);
        for (Container c : pod.getSpec().getContainers()) {
          environment.of(pod, c);
        }
        serve(pod, status);
      }
    } catch (ContainerCreationError error) {
      events.warning(pod, error.eventReason(), error.getMessage());
      waiting(pod, status, error);
    }
    if (sameStatus(pod.getStatus(), status)) {
      return;
    }
    pod.setStatus(status);
    pod.getMetadata().setResourceVersion(null);
    client.pods().inNamespace(namespace).resource(pod).patchStatus();
  }

  /** The pod was deleted: what still runs of it is killed. */
  void podDeleted(String namespace, String name) {
    runtime.podGone(namespace, name);
  }

  private PodStatus baseStatus(Pod pod) {
    PodStatus status = new PodStatus();
    status.setStartTime(pod.getStatus() != null && pod.getStatus().getStartTime() != null
        ? pod.getStatus().getStartTime() : Instant.now().toString());
    status.setHostIP("127.0.0.1");
    status.setPodIP(pod.getStatus() != null && pod.getStatus().getPodIP() != null
        ? pod.getStatus().getPodIP() : "10.244.0." + (nextIp.getAndIncrement() % 250 + 2));
    return status;
  }

  private void serve(Pod pod, PodStatus status) {
    PodReadiness.Verdict verdict = readiness.of(pod);
    boolean ready = verdict.state() == PodReadiness.State.READY;
    boolean crashing = verdict.state() == PodReadiness.State.CRASH_LOOP;
    if (verdict.state() == PodReadiness.State.NOT_READY && verdict.message() != null) {
      events.warning(pod, "Unhealthy", verdict.message());
    }
    status.setPhase("Running");
    List<ContainerStatus> containers = new ArrayList<>();
    for (Container c : pod.getSpec().getContainers()) {
      ContainerStatusBuilder b = containerStatus(c).withReady(ready).withStarted(true)
          .withRestartCount(crashing ? 5 : 0);
      if (crashing) {
        b.withNewState().withNewWaiting().withReason("CrashLoopBackOff")
            .withMessage("back-off restarting failed container " + c.getName() + " in pod "
                + pod.getMetadata().getName() + (verdict.message() == null ? "" : ": " + verdict.message()))
            .endWaiting().endState()
            .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
            .withMessage(verdict.message()).endTerminated().endLastState();
      } else {
        b.withNewState().withNewRunning().withStartedAt(status.getStartTime()).endRunning().endState();
      }
      containers.add(b.build());
    }
    status.setContainerStatuses(containers);
    status.setConditions(conditions(pod, true, ready, ready ? null : "ContainersNotReady"));
  }

  private void runToCompletion(Pod pod, PodStatus status) throws ContainerCreationError {
    runtime.start(pod);
    Map<String, ContainerRuntime.State> states = runtime.states(pod.getMetadata().getNamespace(),
        pod.getMetadata().getName());
    boolean allEnded = states.values().stream().allMatch(s -> s.exit().isPresent());
    boolean allSucceeded = allEnded && states.values().stream().allMatch(s -> s.exit().get().exitCode() == 0);
    List<ContainerStatus> containers = new ArrayList<>();
    for (Container c : pod.getSpec().getContainers()) {
      ContainerRuntime.State state = states.get(c.getName());
      Optional<ContainerExit> exit = state == null ? Optional.empty() : state.exit();
      ContainerStatusBuilder b = containerStatus(c).withReady(exit.isEmpty()).withStarted(exit.isEmpty())
          .withRestartCount(0);
      if (exit.isPresent()) {
        b.withNewState().withNewTerminated().withExitCode(exit.get().exitCode()).withReason(exit.get().reason())
            .withStartedAt(exit.get().startedAt()).withFinishedAt(exit.get().finishedAt()).endTerminated().endState();
      } else {
        b.withNewState().withNewRunning().withStartedAt(state == null ? status.getStartTime() : state.startedAt())
            .endRunning().endState();
      }
      containers.add(b.build());
    }
    status.setContainerStatuses(containers);
    if (allEnded) {
      status.setPhase(allSucceeded ? "Succeeded" : "Failed");
      status.setConditions(conditions(pod, true, false, "PodCompleted"));
    } else {
      status.setPhase("Running");
      status.setConditions(conditions(pod, true, true, null));
    }
  }

  private void waiting(Pod pod, PodStatus status, ContainerCreationError error) {
    status.setPhase("Pending");
    List<ContainerStatus> containers = new ArrayList<>();
    for (Container c : pod.getSpec().getContainers()) {
      containers.add(containerStatus(c).withReady(false).withStarted(false).withRestartCount(0)
          .withNewState().withNewWaiting().withReason(error.reason())
          .withMessage(error.reason().equals("ContainerCreating") ? null : error.getMessage())
          .endWaiting().endState().build());
    }
    status.setContainerStatuses(containers);
    status.setConditions(conditions(pod, false, false, "ContainersNotReady"));
  }

  private static ContainerStatusBuilder containerStatus(Container c) {
    return new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID(c.getImage());
  }

  private static List<PodCondition> conditions(Pod pod, boolean initialized, boolean ready, String notReadyReason) {
    return List.of(
        condition(pod, "PodScheduled", true, null),
        condition(pod, "Initialized", initialized, null),
        condition(pod, "ContainersReady", ready, ready ? null : notReadyReason),
        condition(pod, "Ready", ready, ready ? null : notReadyReason));
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

  /** A Job's pods (restartPolicy Never or OnFailure) run to an end; others serve until deleted. */
  static boolean runsToCompletion(Pod pod) {
    String policy = pod.getSpec().getRestartPolicy();
    return "Never".equals(policy) || "OnFailure".equals(policy);
  }

  static String phaseOf(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  static boolean isFinished(Pod pod) {
    return "Succeeded".equals(phaseOf(pod)) || "Failed".equals(phaseOf(pod));
  }

  static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }
}
