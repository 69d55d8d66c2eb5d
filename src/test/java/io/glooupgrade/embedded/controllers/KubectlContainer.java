package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@code kubectl} image's container, run for real: its command line (mount paths pointing into
 * its {@link PodSandbox}) as a process with the pod's environment, a real kubectl first on the PATH
 * and a kubeconfig of the pod's ServiceAccount. As the user its securityContext names, when the
 * harness runs as root (never with more rights than the harness has). What it prints is its log.
 */
final class KubectlContainer {

  private static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";

  private KubectlContainer() {
  }

  /** Runs the container to its end, against an API server of this version ("1.31"); returns the exit code. */
  static int run(Pod pod, Container container, Map<String, String> env, PodSandbox sandbox,
      Consumer<String> log, ProcessWatch watch, String serverMajorMinor) throws InterruptedException {
    Optional<Path> kubectl = KubectlBinary.find(serverMajorMinor);
    if (kubectl.isEmpty()) {
      KubectlBinary.reportMissingOnce();
      log.accept(KubectlBinary.MISSING + "\n");
      return 127;
    }
    List<String> line = new ArrayList<>();
    for (String part : ContainerEnvironment.commandLine(container, env)) {
      line.add(sandbox.rewrite(part));
    }
    if (container.getCommand() == null || container.getCommand().isEmpty()) {
      line.add(0, "kubectl"); // the image's entrypoint
    }
    Path bin = onPathAsKubectl(kubectl.get(), sandbox);
    if (line.get(0).equals("kubectl") || line.get(0).endsWith("/kubectl")) {
      line.set(0, bin.resolve("kubectl").toString());
    } else if (AlpineShell.isShell(line.get(0))) {
      line.remove(0);
      line.addAll(0, AlpineShell.command());
    }
    ProcessBuilder builder = new ProcessBuilder(asUser(pod, container, line)).directory(sandbox.root().toFile())
        .redirectErrorStream(true);
    Map<String, String> processEnv = builder.environment();
    processEnv.clear();
    env.forEach((k, v) -> processEnv.put(k, sandbox.rewrite(v)));
    processEnv.put("PATH", bin + ":" + SYSTEM_PATH);
    processEnv.put("HOME", sandbox.home().toString());
    processEnv.put("KUBECONFIG", sandbox.kubeconfig().toString());
    try {
      Process process = builder.start();
      watch.started(process);
      // Exactly what the container wrote, as it writes it.
      try (InputStreamReader out = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
        char[] chunk = new char[8192];
        int read;
        while ((read = out.read(chunk)) > 0) {
          log.accept(new String(chunk, 0, read));
        }
      }
      return process.waitFor();
    } catch (IOException e) {
      log.accept("embedded node: could not start " + line.get(0) + ": " + e.getMessage() + "\n");
      return 128;
    }
  }

  // A script calls "kubectl" by name: the folder first on its PATH holds that name for this binary.
  private static Path onPathAsKubectl(Path kubectl, PodSandbox sandbox) {
    if (kubectl.getFileName().toString().equals("kubectl")) {
      return kubectl.getParent();
    }
    try {
      Path bin = Files.createDirectories(sandbox.root().resolve("kubectl-bin"));
      Files.createSymbolicLink(bin.resolve("kubectl"), kubectl);
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded node: cannot put " + kubectl + " on the container's PATH", e);
    }
  }

  // runAsUser is honoured where the harness may change user (root); elsewhere it already has no privileges.
  private static List<String> asUser(Pod pod, Container container, List<String> line) {
    Long user = container.getSecurityContext() != null && container.getSecurityContext().getRunAsUser() != null
        ? container.getSecurityContext().getRunAsUser()
        : pod.getSpec().getSecurityContext() == null ? null : pod.getSpec().getSecurityContext().getRunAsUser();
    if (!RootUser.IS_ROOT || !RootUser.SETPRIV_FOUND) {
      return line;
    }
    long uid = user == null || user == 0 ? RootUser.NOBODY : user;
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
        "--"));
    wrapped.addAll(line);
    return wrapped;
  }

  /** Told the process once it runs, so a deleted pod can kill it. */
  interface ProcessWatch {
    void started(Process process);
  }
}
