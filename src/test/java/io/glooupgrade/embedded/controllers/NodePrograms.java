package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * Programs the embedded node runs in-process for a container image (certgen), with the pod's own
 * API client (its ServiceAccount's token) and its log.
 */
@FunctionalInterface
public interface NodePrograms {

  NodePrograms NONE = (image, pod, container, env, client, log) -> Optional.empty();

  /** The exit code, or empty when the image is not one of these programs. */
  Optional<Integer> run(ContainerImages image, Pod pod, Container container, Map<String, String> env,
      KubernetesClient client, PrintStream log);
}
