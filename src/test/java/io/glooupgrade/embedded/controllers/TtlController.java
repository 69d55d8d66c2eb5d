package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.embedded.DaemonThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The TTL-after-finished controller: a finished Job with {@code ttlSecondsAfterFinished} is deleted
 * (with its pods) that many seconds after it finished, in real seconds. A Job without one stays.
 */
final class TtlController implements AutoCloseable {

  private final KubernetesClient client;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("embedded-ttl-controller"));
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  TtlController(KubernetesClient client) {
    this.client = client;
  }

  void finished(Job job) {
    Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
    String uid = job.getMetadata().getUid();
    if (ttl == null || !scheduled.add(uid)) {
      return;
    }
    String finishedAt = job.getStatus() != null && job.getStatus().getCompletionTime() != null
        ? job.getStatus().getCompletionTime() : Instant.now().toString();
    long delay = Math.max(0, Duration.between(Instant.now(), Instant.parse(finishedAt).plusSeconds(ttl)).toMillis());
    String namespace = job.getMetadata().getNamespace();
    String name = job.getMetadata().getName();
    try {
      timer.schedule(() -> {
        scheduled.remove(uid);
        Job current = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (current != null && uid.equals(current.getMetadata().getUid())) {
          client.batch().v1().jobs().inNamespace(namespace).withName(name)
              .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
      }, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      scheduled.remove(uid);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
