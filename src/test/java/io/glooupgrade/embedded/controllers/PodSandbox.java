package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One container's filesystem on the embedded node: a folder of its own under the node's folder,
 * holding its volumes at their mount paths (so {@code /etc/gloo-custom-resources} is
 * {@code <folder>/etc/gloo-custom-resources}), the ServiceAccount token where a pod finds it, and a
 * kubeconfig that reaches the API as the pod's ServiceAccount in the pod's namespace. There is no
 * mount namespace without privileges, so the container's command line names its mount paths
 * through {@link #rewrite}: the only liberty taken with what the pod spec says.
 */
final class PodSandbox implements AutoCloseable {

  static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

  private final Path root;
  private final Map<String, Path> mounts = new LinkedHashMap<>();

  private PodSandbox(Path root) {
    this.root = root;
  }

  static PodSandbox create(Path nodeDir, Pod pod, Container container, Map<String, Map<String, byte[]>> volumes,
      String token, String apiUrl, String certificateAuthority) {
    try {
      Path root = Files.createDirectories(nodeDir).resolve(pod.getMetadata().getNamespace() + "_"
          + pod.getMetadata().getName() + "_" + container.getName() + "_" + System.nanoTime());
      Files.createDirectory(root);
      PodSandbox sandbox = new PodSandbox(root);
      for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of()
          : container.getVolumeMounts()) {
        Map<String, byte[]> files = volumes.getOrDefault(mount.getName(), Map.of());
        Path target = sandbox.mount(mount.getMountPath());
        if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
          byte[] file = files.get(mount.getSubPath());
          Files.createDirectories(target.getParent());
          Files.write(target, file == null ? new byte[0] : file);
        } else {
          write(target, files);
        }
      }
      if (!Boolean.FALSE.equals(pod.getSpec().getAutomountServiceAccountToken())) {
        write(sandbox.mount(SERVICE_ACCOUNT_DIR), Map.of(
            "token", token.getBytes(StandardCharsets.UTF_8),
            "namespace", pod.getMetadata().getNamespace().getBytes(StandardCharsets.UTF_8),
            "ca.crt", certificateAuthority.getBytes(StandardCharsets.UTF_8)));
      }
      Files.createDirectories(sandbox.home());
      Files.writeString(sandbox.kubeconfig(), kubeconfig(apiUrl, certificateAuthority, token,
          pod.getMetadata().getNamespace()));
      sandbox.openTo();
      return sandbox;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path mount(String mountPath) {
    Path target = root.resolve("fs").resolve(mountPath.replaceFirst("^/+", "")).normalize();
    if (!target.startsWith(root)) {
      throw new IllegalArgumentException("mount path " + mountPath + " leaves the container's folder");
    }
    mounts.put(mountPath.endsWith("/") && mountPath.length() > 1
        ? mountPath.substring(0, mountPath.length() - 1) : mountPath, target);
    return target;
  }

  private static void write(Path dir, Map<String, byte[]> files) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey()).normalize();
      if (!path.startsWith(dir)) {
        throw new IllegalArgumentException("volume file " + file.getKey() + " leaves its mount");
      }
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
  }

  /** The text with each mount path (longest first) replaced by where it is in this folder. */
  String rewrite(String text) {
    List<Map.Entry<String, Path>> byLength = new ArrayList<>(mounts.entrySet());
    byLength.sort(Comparator.comparingInt((Map.Entry<String, Path> e) -> e.getKey().length()).reversed());
    String out = text;
    for (Map.Entry<String, Path> mount : byLength) {
      out = out.replaceAll("(?<![\\w/.-])" + java.util.regex.Pattern.quote(mount.getKey()) + "(?=$|[/\\s\"';:)])",
          java.util.regex.Matcher.quoteReplacement(mount.getValue().toString()));
    }
    return out;
  }

  Path root() {
    return root;
  }

  Path home() {
    return root.resolve("home");
  }

  Path kubeconfig() {
    return root.resolve("kubeconfig");
  }

  /** A container may run as another user (its securityContext's runAsUser): it must reach its folder. */
  private void openTo() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
            Files.isDirectory(path) ? "rwxrwxrwx" : "rw-rw-rw-"));
      }
    }
  }

  // What in-cluster configuration gives kubectl: the API as the pod's ServiceAccount, in its namespace.
  private static String kubeconfig(String apiUrl, String certificateAuthority, String token, String namespace) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: in-cluster
          cluster:
            server: %s
            certificate-authority-data: %s
        contexts:
        - name: in-cluster
          context:
            cluster: in-cluster
            user: service-account
            namespace: %s
        current-context: in-cluster
        users:
        - name: service-account
          user:
            token: %s
        """.formatted(apiUrl, java.util.Base64.getEncoder().encodeToString(
            certificateAuthority.getBytes(StandardCharsets.UTF_8)), namespace, token);
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
