package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kubelet's probes of a pod, run against what the pod runs: a {@code tcpSocket} probe finds
 * whether the workload listens on the port, an {@code httpGet} probe gets the path from it, and an
 * {@code exec} probe that calls {@code wget} or {@code curl} on the pod's own loopback (Envoy's
 * admin {@code /ready}) is answered by that endpoint. The failure reads as kubelet's would. A probe
 * of any other kind passes and is listed as unmodelled.
 */
final class PodProbes {

  private static final Pattern LOOPBACK_URL =
      Pattern.compile("^(?:https?://)?(?:127\\.0\\.0\\.1|localhost)(?::(\\d+))?(/\\S*)?$");

  private final Set<String> unmodelled;

  PodProbes(Set<String> unmodelled) {
    this.unmodelled = unmodelled;
  }

  /** Why the first failing probe of the kind fails (e.g. "Readiness probe failed: ..."); empty if all pass. */
  Optional<String> failure(Pod pod, Workload workload, String kind, Function<Container, Probe> probeOf) {
    for (Container container : pod.getSpec().getContainers()) {
      Probe probe = probeOf.apply(container);
      if (probe != null) {
        Optional<String> failed = run(probe, pod, container, workload);
        if (failed.isPresent()) {
          return Optional.of(kind + " probe failed: " + failed.get());
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> run(Probe probe, Pod pod, Container container, Workload workload) {
    String podIp = pod.getStatus() == null || pod.getStatus().getPodIP() == null ? "127.0.0.1"
        : pod.getStatus().getPodIP();
    if (probe.getTcpSocket() != null) {
      int port = port(probe.getTcpSocket().getPort(), container);
      return workload.listens(port) ? Optional.empty() : Optional.of(refused(podIp, port));
    }
    if (probe.getHttpGet() != null) {
      int port = port(probe.getHttpGet().getPort(), container);
      String path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
      Optional<HttpAnswer> answer = get(workload, port, path);
      if (answer.isEmpty()) {
        return Optional.of("Get \"http://" + podIp + ":" + port + path + "\": " + refused(podIp, port));
      }
      int status = answer.get().status();
      return status >= 200 && status < 400 ? Optional.empty()
          : Optional.of("HTTP probe failed with statuscode: " + status);
    }
    if (probe.getExec() != null && probe.getExec().getCommand() != null) {
      return exec(probe.getExec().getCommand(), container, workload);
    }
    unmodelled.add("a " + (probe.getGrpc() != null ? "grpc" : "non-exec") + " probe of image " + container.getImage());
    return Optional.empty();
  }

  // wget and curl fail on a refused connection and on an HTTP error status, as busybox wget does.
  private Optional<String> exec(List<String> command, Container container, Workload workload) {
    List<String> words = new ArrayList<>();
    command.forEach(part -> words.addAll(List.of(part.trim().split("\\s+"))));
    boolean fetches = words.stream().anyMatch(w -> w.equals("wget") || w.endsWith("/wget")
        || w.equals("curl") || w.endsWith("/curl"));
    Optional<Matcher> url = words.stream().map(LOOPBACK_URL::matcher).filter(Matcher::matches).findFirst();
    if (!fetches || url.isEmpty()) {
      unmodelled.add("exec probe " + command + " of image " + container.getImage());
      return Optional.empty();
    }
    int port = url.get().group(1) == null ? 80 : Integer.parseInt(url.get().group(1));
    String path = url.get().group(2) == null ? "/" : url.get().group(2);
    Optional<HttpAnswer> answer = get(workload, port, path);
    if (answer.isEmpty()) {
      return Optional.of("wget: can't connect to remote host (127.0.0.1): Connection refused");
    }
    int status = answer.get().status();
    return status >= 200 && status < 300 ? Optional.empty()
        : Optional.of("wget: server returned error: HTTP/1.1 " + status);
  }

  private static Optional<HttpAnswer> get(Workload workload, int port, String path) {
    if (!workload.listens(port)) {
      return Optional.empty();
    }
    return workload.handle(port, new HttpCall("GET", path, null, "127.0.0.1:" + port, Map.of(), new byte[0]))
        .or(() -> Optional.of(HttpAnswer.text(404, "")));
  }

  private static int port(IntOrString port, Container container) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
        .map(p -> p.getContainerPort()).findFirst().orElse(-1);
  }

  private static String refused(String podIp, int port) {
    return "dial tcp " + podIp + ":" + port + ": connect: connection refused";
  }
}
