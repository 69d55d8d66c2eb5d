package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Behaviour 8: a stored CRD is Established and NamesAccepted at once, as soon as it is written,
 * so Helm's CRD wait returns immediately instead of polling every 2 s.
 */
final class CrdConditions {

  void apply(ObjectNode crd) {
    ObjectNode spec = crd.with("spec");
    ObjectNode status = crd.putObject("status");
    status.set("acceptedNames", spec.path("names").deepCopy());
    ArrayNode conditions = status.putArray("conditions");
    String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    conditions.addObject().put("type", "NamesAccepted").put("status", "True").put("reason", "NoConflicts")
        .put("message", "no conflicts found").put("lastTransitionTime", now);
    conditions.addObject().put("type", "Established").put("status", "True").put("reason", "InitialNamesAccepted")
        .put("message", "the initial names have been accepted").put("lastTransitionTime", now);
    ArrayNode stored = status.putArray("storedVersions");
    spec.path("versions").forEach(v -> {
      if (v.path("storage").asBoolean(false)) {
        stored.add(v.path("name").asText());
      }
    });
  }
}
