package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Programs the embedded node runs in-process for a container image (certgen), with the pod's own
 * API client (its ServiceAccount's token) and its log.
 */
@FunctionalInterface
public interface NodePrograms {

  NodePrograms NONE = (image, commandLine, env, client, log) -> Optional.empty();

  /**
   * The exit code, or empty when the image (a reference: registry/repository:tag) is not one of
   * these programs. {@code commandLine} is the
   * container's command and args, {@code $(VAR)} expanded (args alone run the image's entrypoint).
   */
  Optional<Integer> run(String image, List<String> commandLine, Map<String, String> env,
      KubernetesClient client, PrintStream log);
}
