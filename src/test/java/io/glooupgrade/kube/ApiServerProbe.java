package io.glooupgrade.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One question per API server before a run starts: does it answer GET /version within a few
 * seconds? Asked once, without the retries the scenarios' clients make (a server that is down
 * stays down for the seconds they would add), of every server at once.
 */
final class ApiServerProbe {

  /** How long a server may take to accept the connection, and then to answer. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ApiRetryPolicy ONCE = new ApiRetryPolicy(0, Duration.ZERO, TIMEOUT);

  /** What went wrong when a server did not answer: a line for the person, and what was thrown. */
  record Unanswered(String reason, Throwable cause) {
  }

  private ApiServerProbe() {
  }

  /** Probes each server (by {@code host:port}) through one of its contexts; the servers that did not answer. */
  static Map<String, Unanswered> unanswered(Map<String, KubeContext> contextByServer) {
    Map<String, CompletableFuture<Optional<Unanswered>>> probes = new LinkedHashMap<>();
    contextByServer.forEach((server, context) -> probes.put(server,
        CompletableFuture.supplyAsync(() -> probe(context)).completeOnTimeout(
            Optional.of(new Unanswered("no answer within " + TIMEOUT.multipliedBy(3).toSeconds() + " s", null)),
            TIMEOUT.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS)));
    Map<String, Unanswered> unanswered = new LinkedHashMap<>();
    probes.forEach((server, probe) -> probe.join().ifPresent(u -> unanswered.put(server, u)));
    return unanswered;
  }

  private static Optional<Unanswered> probe(KubeContext context) {
    try (KubernetesClient client = context.newClient(ONCE)) {
      if (client.getKubernetesVersion() == null) { // fabric8 answers null when the call fails
        return Optional.of(new Unanswered("no answer to GET /version", null));
      }
      return Optional.empty();
    } catch (KubernetesClientException | IllegalArgumentException e) {
      return Optional.of(new Unanswered(reason(e), e));
    }
  }

  // The innermost cause says what happened (refused, timed out, unknown host, certificate).
  private static String reason(Throwable e) {
    List<String> seen = new ArrayList<>();
    for (Throwable t = e; t != null && seen.size() < 10; t = t.getCause() == t ? null : t.getCause()) {
      seen.add(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    }
    return seen.get(seen.size() - 1);
  }
}
