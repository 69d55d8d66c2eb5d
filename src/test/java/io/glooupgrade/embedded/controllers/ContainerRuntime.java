package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.embedded.DaemonThreads;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded node's runtime for containers that run to an end (a Job's pods): each container
 * runs by what its image is ({@link ContainerImages}) on a thread of its own, its output going to
 * the pod's log, its exit code deciding the pod's phase. An image the node does not model exits 0
 * at once and is listed in {@link #unmodelledImages()}, so a report can say what was not exercised.
 */
final class ContainerRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerRuntime.class);

  /** A container while it runs (exit empty) and after. */
  record State(String startedAt, Optional<ContainerExit> exit) {
  }

  private final ContainerEnvironment environment;
  private final PodVolumes volumes;
  private final ServiceAccountTokenIssuer tokens;
  private final ContainerLogs logs;
  private final NodePrograms programs;
  private final String apiUrl;
  private final String certificateAuthority;
  private final Path nodeDir;
  private final BiConsumer<String, String> exited;
  private final KubernetesClient client;
  private volatile String serverMajorMinor;
  private final ExecutorService threads = Executors.newCachedThreadPool(DaemonThreads.named("embedded-container"));
  private final Map<String, Map<String, State>> pods = new ConcurrentHashMap<>();
  private final Map<String, Set<Process>> processes = new ConcurrentHashMap<>();
  private final Set<String> unmodelled = ConcurrentHashMap.newKeySet();

  ContainerRuntime(KubernetesClient client, EmbeddedNode node, BiConsumer<String, String> exited) {
    this.environment = new ContainerEnvironment(client);
    this.volumes = new PodVolumes(client, node.tokens());
    this.tokens = node.tokens();
    this.logs = node.logs();
    this.programs = node.programs();
    this.apiUrl = node.apiUrl();
    this.certificateAuthority = node.certificateAuthority();
    this.nodeDir = node.directory();
    this.exited = exited;
    this.client = client;
  }

  /**
   * Starts the pod's containers unless they run or ran; fails as the kubelet would when a volume
   * or env source is missing (nothing is started then).
   */
  void start(Pod pod) throws ContainerCreationError {
    String key = key(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    if (pods.containsKey(key)) {
      return;
    }
    Map<String, Map<String, byte[]>> files = volumes.files(pod);
    Map<String, Map<String, String>> envs = new java.util.LinkedHashMap<>();
    for (Container container : pod.getSpec().getContainers()) {
      envs.put(container.getName(), environment.of(pod, container));
    }
    Map<String, State> states = new ConcurrentHashMap<>();
    if (pods.putIfAbsent(key, states) != null) {
      return;
    }
    for (Container container : pod.getSpec().getContainers()) {
      String started = Instant.now().toString();
      states.put(container.getName(), new State(started, Optional.empty()));
      threads.execute(() -> {
        int code = runContainer(pod, container, envs.get(container.getName()), files);
        states.put(container.getName(), new State(started,
            Optional.of(new ContainerExit(code, started, Instant.now().toString()))));
        exited.accept(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
      });
    }
  }

  // The API server's version, asked once: the kubectl a dispatcher would pick depends on it. Unknown
  // ("") while the API does not answer: the container then runs the kubectl on the PATH as it is.
  private String serverMajorMinor() {
    if (serverMajorMinor == null) {
      try {
        io.fabric8.kubernetes.client.VersionInfo version = client.getKubernetesVersion();
        serverMajorMinor = version.getMajor() + "." + version.getMinor().replaceAll("\\D.*", "");
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        LOG.debug("embedded node: the API server's version is unknown for now: {}", e.getMessage());
        return "";
      }
    }
    return serverMajorMinor;
  }

  /** Each container's state, by name; empty when the pod's containers were never started. */
  Map<String, State> states(String namespace, String pod) {
    Map<String, State> states = pods.get(key(namespace, pod));
    return states == null ? Map.of() : Map.copyOf(states);
  }

  /** The pod is gone: its processes are killed, its log forgotten. */
  void podGone(String namespace, String pod) {
    String key = key(namespace, pod);
    pods.remove(key);
    Set<Process> running = processes.remove(key);
    if (running != null) {
      running.forEach(ContainerRuntime::kill);
    }
    logs.forget(namespace, pod);
  }

  /** The images of run-to-completion containers the node did not model, as image references. */
  Set<String> unmodelledImages() {
    return Set.copyOf(unmodelled);
  }

  private int runContainer(Pod pod, Container container, Map<String, String> env, Map<String, Map<String, byte[]>> files) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    ContainerImages image = ContainerImages.of(container.getImage());
    java.util.function.Consumer<String> log = text -> logs.append(namespace, name, container.getName(), text);
    String token = tokens.issue(namespace, ContainerEnvironment.serviceAccount(pod));
    try {
      if (image == ContainerImages.KUBECTL) {
        try (PodSandbox sandbox = PodSandbox.create(nodeDir, pod, container, files, token, apiUrl,
            certificateAuthority)) {
          return KubectlContainer.run(pod, container, env, sandbox, log,
              process -> processes.computeIfAbsent(key(namespace, name), k -> ConcurrentHashMap.newKeySet())
                  .add(process), serverMajorMinor());
        }
      }
      try (KubernetesClient podClient = PodClients.asServiceAccount(apiUrl, certificateAuthority, token,
          namespace);
          java.io.PrintStream out = new java.io.PrintStream(new LogStream(log), true,
              java.nio.charset.StandardCharsets.UTF_8)) {
        Optional<Integer> code = programs.run(container.getImage(), ContainerEnvironment.commandLine(container, env), env,
            podClient, out);
        if (code.isPresent()) {
          return code.get();
        }
      }
      unmodelled.add(container.getImage());
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 137;
    } catch (RuntimeException e) {
      LOG.warn("container {} of pod {}/{} failed to run: {}", container.getName(), namespace, name, e.toString());
      log.accept("embedded node: " + e + "\n");
      return 128;
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String key(String namespace, String pod) {
    return namespace + "/" + pod;
  }

  @Override
  public void close() {
    processes.values().forEach(set -> set.forEach(ContainerRuntime::kill));
    threads.shutdownNow();
  }
}
