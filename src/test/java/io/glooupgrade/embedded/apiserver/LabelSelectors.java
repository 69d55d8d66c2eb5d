package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A {@code metav1.LabelSelector} ({@code matchLabels} and {@code matchExpressions} with In, NotIn,
 * Exists, DoesNotExist) applied to a labels object, as a webhook's namespaceSelector and
 * objectSelector are. A missing or empty selector selects everything.
 */
final class LabelSelectors {

  private LabelSelectors() {
  }

  static boolean matches(JsonNode selector, JsonNode labels) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return true;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> wanted = it.next();
      if (!labels.has(wanted.getKey()) || !labels.path(wanted.getKey()).asText().equals(wanted.getValue().asText())) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      if (!matches(expression, labels, expression.path("key").asText())) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(JsonNode expression, JsonNode labels, String key) {
    boolean present = labels.has(key);
    boolean listed = false;
    for (JsonNode value : expression.path("values")) {
      listed |= present && value.asText().equals(labels.path(key).asText());
    }
    return switch (expression.path("operator").asText()) {
      case "In" -> listed;
      case "NotIn" -> !listed;
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      default -> throw new ApiRefusal(500, "InternalError", "label selector operator "
          + expression.path("operator").asText() + " is not understood by the embedded API");
    };
  }
}
