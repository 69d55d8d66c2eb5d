package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a solo-kit status as a Gloo installation does: {@code status.statuses.<its namespace>}
 * with the state as an integer (Pending 0, Accepted 1, Rejected 2, Warning 3) on a full write of
 * the resource (these CRDs have no status subresource), leaving other installations' keys alone.
 */
final class ResourceStatus {

  static final int ACCEPTED = 1;
  static final int REJECTED = 2;
  static final int WARNING = 3;

  private final KubernetesClient client;
  private final String reporterNamespace;

  ResourceStatus(KubernetesClient client, String reporterNamespace) {
    this.client = client;
    this.reporterNamespace = reporterNamespace;
  }

  static Map<String, Object> status(int state, String reportedBy, String reason) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("state", state);
    if (reason != null) {
      status.put("reason", reason);
    }
    status.put("reportedBy", reportedBy);
    return status;
  }

  /** Writes the status when it differs from what the resource carries; true when written. */
  @SuppressWarnings("unchecked")
  boolean write(ResourceDefinitionContext kind, GenericKubernetesResource resource, Map<String, Object> desired) {
    Map<String, Object> status = (Map<String, Object>) resource.getAdditionalProperties()
        .computeIfAbsent("status", k -> new LinkedHashMap<>());
    Map<String, Object> statuses = (Map<String, Object>) status.computeIfAbsent("statuses", k -> new LinkedHashMap<>());
    if (Objects.equals(normalised(statuses.get(reporterNamespace)), desired)) {
      return false;
    }
    statuses.put(reporterNamespace, desired);
    client.genericKubernetesResources(kind).inNamespace(resource.getMetadata().getNamespace()).resource(resource)
        .update();
    return true;
  }

  // A stored state may come back as a Long or an Integer; compare as the twin writes it.
  @SuppressWarnings("unchecked")
  private static Object normalised(Object current) {
    if (!(current instanceof Map<?, ?> map)) {
      return current;
    }
    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
    if (copy.get("state") instanceof Number n) {
      copy.put("state", n.intValue());
    }
    return copy;
  }
}
