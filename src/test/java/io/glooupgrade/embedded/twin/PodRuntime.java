package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs a workload for every serving pod of the cluster from the moment the kubelet runs it until
 * it is deleted or ends, chosen by its container image: the twin's half of the container runtime.
 */
final class PodRuntime implements AutoCloseable {

  private final Map<String, Workload> running = new ConcurrentHashMap<>();
  private final SharedIndexInformer<Pod> informer;
  private final Function<Pod, Workload> images;
  private final BiConsumer<String, String> started;

  /** {@code started}: told (namespace, pod) once a pod's workload runs, so the kubelet looks at it again. */
  PodRuntime(KubernetesClient client, Function<Pod, Workload> images, BiConsumer<String, String> started) {
    this.images = images;
    this.started = started;
    this.informer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        start(pod);
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        if (isFinished(pod)) {
          stop(pod);
        } else {
          start(pod);
        }
      }

      @Override
      public void onDelete(Pod pod, boolean unknown) {
        stop(pod);
      }
    });
  }

  Optional<Workload> workload(String namespace, String pod) {
    return Optional.ofNullable(running.get(namespace + "/" + pod));
  }

  /**
   * The pod's workload, started now unless it runs already: the kubelet asks as it runs the pod's
   * containers, so a component starts (and an Enterprise one checks its licence) before the kubelet
   * first reports the pod, as on a real node.
   */
  Workload startedFor(Pod pod) {
    return running.computeIfAbsent(key(pod), k -> images.apply(pod));
  }

  /** Every running workload by "namespace/pod". */
  Map<String, Workload> running() {
    return Map.copyOf(running);
  }

  // A workload starts once the kubelet runs the pod's containers (its volumes and env are there).
  private void start(Pod pod) {
    if (!isRunning(pod) || pod.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    AtomicBoolean created = new AtomicBoolean();
    running.computeIfAbsent(key(pod), k -> {
      created.set(true);
      return images.apply(pod);
    });
    if (created.get()) {
      started.accept(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    }
  }

  private void stop(Pod pod) {
    Workload workload = running.remove(key(pod));
    if (workload != null) {
      workload.close();
    }
  }

  private static boolean isRunning(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
  }

  private static boolean isFinished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  @Override
  public void close() {
    informer.close();
    running.values().forEach(Workload::close);
    running.clear();
  }
}
