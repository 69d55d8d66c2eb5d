package io.glooupgrade.embedded.apiserver;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each container of each pod has written so far, as the kubelet keeps it and the API server
 * serves it ({@code GET /api/v1/namespaces/NS/pods/NAME/log}, so {@code kubectl logs} works). The
 * embedded kubelet writes here; the API only reads. A container nothing was written for has not
 * started yet, which is not the same as one that wrote nothing: the first answers "waiting to
 * start", the second an empty log.
 *
 * <p>Thread-safe: the kubelet writes from its own threads while the API reads.
 */
public final class PodLogs {

  /** "namespace/pod" -> container -> its log so far. */
  private final Map<String, Map<String, String>> logs = new ConcurrentHashMap<>();

  /** Replaces the container's log so far with {@code text}. */
  public void write(String namespace, String pod, String container, String text) {
    containers(namespace, pod).put(Objects.requireNonNull(container, "container"), Objects.requireNonNull(text, "text"));
  }

  /** Adds {@code text} to the end of the container's log (starting it if nothing was written yet). */
  public void append(String namespace, String pod, String container, String text) {
    Objects.requireNonNull(text, "text");
    containers(namespace, pod).merge(Objects.requireNonNull(container, "container"), text, String::concat);
  }

  /** Drops every log of the pod, as when the pod is gone. */
  public void forget(String namespace, String pod) {
    logs.remove(key(namespace, pod));
  }

  /** The container's log so far, or empty when nothing was ever written for it. */
  Optional<String> read(String namespace, String pod, String container) {
    Map<String, String> containers = logs.get(key(namespace, pod));
    return containers == null ? Optional.empty() : Optional.ofNullable(containers.get(container));
  }

  private Map<String, String> containers(String namespace, String pod) {
    return logs.computeIfAbsent(key(namespace, pod), k -> new ConcurrentHashMap<>());
  }

  private static String key(String namespace, String pod) {
    return Objects.requireNonNull(namespace, "namespace") + "/" + Objects.requireNonNull(pod, "pod");
  }
}
