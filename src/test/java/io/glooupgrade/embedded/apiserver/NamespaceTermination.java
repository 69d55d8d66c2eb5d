package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A namespace whose deletion never finishes, for a fault: the API marks it Terminating, as a real
 * one does, and the namespace controller never gets to remove it, as when a custom resource in it
 * keeps a finalizer that no running controller removes any more. Its contents stay too (a real
 * cluster would delete those without a finalizer; the checks that meet this fault look only at
 * the namespace and its custom resources).
 */
final class NamespaceTermination {

  private static final String FINALIZER = "gateway.solo.io/cleanup";

  private NamespaceTermination() {
  }

  /** The namespace as a real API shows it while its deletion waits on a finalizer. */
  static ObjectNode terminating(JsonNode live) {
    ObjectNode namespace = live.deepCopy();
    ObjectNode metadata = namespace.with("metadata");
    if (!metadata.hasNonNull("deletionTimestamp")) {
      metadata.put("deletionTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }
    // A real namespace waits on spec.finalizers; fabric8's store removes an object marked for
    // deletion as soon as metadata.finalizers is empty, so the same finalizer goes there too.
    namespace.with("spec").putArray("finalizers").add("kubernetes");
    metadata.putArray("finalizers").add("kubernetes");
    ObjectNode status = namespace.with("status");
    status.put("phase", "Terminating");
    ObjectNode condition = status.putArray("conditions").addObject();
    condition.put("type", "NamespaceFinalizersRemaining");
    condition.put("status", "True");
    condition.put("reason", "SomeFinalizersRemain");
    condition.put("message", "Some content in the namespace has finalizers remaining: " + FINALIZER
        + " in 1 resource instances");
    condition.put("lastTransitionTime", metadata.path("deletionTimestamp").asText());
    return namespace;
  }
}
