package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Behaviour 7: the defaults a real API server fills in and the Go side dereferences without a
 * nil check: Deployment replicas, Job backoffLimit/completions/parallelism/completionMode/suspend, Service
 * type and clusterIP. A Job's selector is generated on create, with its uid: see {@link JobSelectors}.
 */
final class ResourceDefaults {

  private final AtomicInteger nextClusterIp = new AtomicInteger(10);

  void apply(ApiPath path, ObjectNode object) {
    ObjectNode spec = object.with("spec");
    switch (path.group() + "/" + path.plural()) {
      case "apps/deployments", "apps/replicasets", "apps/statefulsets" -> putIfAbsent(spec, "replicas", 1);
      case "batch/jobs" -> {
        // As SetDefaults_Job: completions only when parallelism is unset too (else a work queue).
        if (!spec.hasNonNull("parallelism")) {
          putIfAbsent(spec, "completions", 1);
        }
        putIfAbsent(spec, "parallelism", 1);
        putIfAbsent(spec, "backoffLimit", 6);
        if (!spec.hasNonNull("completionMode")) {
          spec.put("completionMode", "NonIndexed");
        }
        if (!spec.hasNonNull("suspend")) {
          spec.put("suspend", false);
        }
      }
      case "/services" -> {
        if (!spec.hasNonNull("type")) {
          spec.put("type", "ClusterIP");
        }
        if (!spec.hasNonNull("clusterIP") || spec.path("clusterIP").asText().isEmpty()) {
          int n = nextClusterIp.getAndIncrement();
          spec.put("clusterIP", "10.96." + (n / 250) + "." + (n % 250 + 1));
        }
        if (!spec.has("clusterIPs")) {
          spec.putArray("clusterIPs").add(spec.path("clusterIP").asText());
        }
      }
      default -> {
        if (spec.isEmpty()) {
          object.remove("spec");
        }
      }
    }
  }

  private static void putIfAbsent(ObjectNode node, String field, int value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }
}
