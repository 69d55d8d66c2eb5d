package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether one webhook of a ValidatingWebhookConfiguration is called for a write, as the real API
 * server decides: any of its {@code rules} matches (operations, apiGroups, apiVersions, resources
 * with {@code res/sub} and {@code *}, scope), and its namespaceSelector and objectSelector select
 * the write. matchPolicy is treated as Exact: each resource is served in one version here.
 */
final class WebhookRules {


  private WebhookRules() {
  }

  /**
   * @param storedNamespace a namespace object as stored, by name, for the namespaceSelector
   */
  static boolean selects(JsonNode webhook, AdmissionAttributes write,
      Function<String, Optional<JsonNode>> storedNamespace) {
    boolean ruleMatches = false;
    for (JsonNode rule : webhook.path("rules")) {
      ruleMatches |= matches(rule, write);
    }
    return ruleMatches && namespaceSelected(webhook.path("namespaceSelector"), write, storedNamespace)
        && objectSelected(webhook.path("objectSelector"), write);
  }

  static boolean matches(JsonNode rule, AdmissionAttributes write) {
    ApiResource resource = write.resource();
    return listed(rule.path("operations"), write.operation())
        && listed(rule.path("apiGroups"), resource.group())
        && listed(rule.path("apiVersions"), resource.version())
        && resourceListed(rule.path("resources"), resource.plural(), write.subresource())
        && scoped(rule.path("scope").asText("*"), write);
  }

  private static boolean listed(JsonNode values, String value) {
    for (JsonNode v : values) {
      if (v.asText().equals("*") || v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  // "pods" matches only the resource, "pods/*" also its subresources, "*/status" every status.
  private static boolean resourceListed(JsonNode resources, String plural, String subresource) {
    String sub = subresource == null ? "" : subresource;
    for (JsonNode entry : resources) {
      String[] parts = entry.asText().split("/", 2);
      String wantedSub = parts.length == 2 ? parts[1] : "";
      if ((parts[0].equals("*") || parts[0].equals(plural)) && (wantedSub.equals("*") || wantedSub.equals(sub))) {
        return true;
      }
    }
    return false;
  }

  private static boolean scoped(String scope, AdmissionAttributes write) {
    boolean namespaceObject = write.resource().group().isEmpty() && write.resource().plural().equals("namespaces");
    return switch (scope) {
      case "*" -> true;
      case "Namespaced" -> !namespaceObject && write.resource().namespaced();
      case "Cluster" -> namespaceObject || !write.resource().namespaced();
      default -> throw new ApiRefusal(500, "InternalError", "webhook rule scope " + scope
          + " is not understood by the embedded API");
    };
  }

  // Cluster-scoped objects other than Namespaces are never filtered by a namespaceSelector.
  private static boolean namespaceSelected(JsonNode selector, AdmissionAttributes write,
      Function<String, Optional<JsonNode>> storedNamespace) {
    ApiResource resource = write.resource();
    if (resource.group().isEmpty() && resource.plural().equals("namespaces")) {
      return LabelSelectors.matches(selector, labels(write.object() != null ? write.object() : write.oldObject()));
    }
    if (!resource.namespaced() || write.namespace() == null) {
      return true;
    }
    JsonNode namespace = storedNamespace.apply(write.namespace()).orElse(null);
    return LabelSelectors.matches(selector, labels(namespace));
  }

  // A write is selected when either the new or the old object's labels match.
  private static boolean objectSelected(JsonNode selector, AdmissionAttributes write) {
    return (write.object() != null && LabelSelectors.matches(selector, labels(write.object())))
        || (write.oldObject() != null && LabelSelectors.matches(selector, labels(write.oldObject())));
  }

  private static JsonNode labels(JsonNode object) {
    JsonNode labels = object == null ? null : object.path("metadata").path("labels");
    return labels == null || !labels.isObject() ? JsonNodeFactory.instance.objectNode() : labels;
  }
}
