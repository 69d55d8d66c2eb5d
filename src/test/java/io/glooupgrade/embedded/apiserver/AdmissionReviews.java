package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The {@code AdmissionReview} a validating webhook is sent and the checks its answer must pass,
 * as the real API server makes them. Versions: the first of the webhook's
 * {@code admissionReviewVersions} that is {@code v1} or {@code v1beta1}. A v1 answer must carry
 * {@code apiVersion}, {@code kind} and the request's uid; a v1beta1 answer need not (Gloo's
 * webhook sends neither).
 */
final class AdmissionReviews {

  static final String GROUP = "admission.k8s.io";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> SPOKEN = List.of("v1", "v1beta1");
  /** The embedded API authenticates nobody; webhooks see the cluster admin of a kind cluster. */
  private static final String USER = "kubernetes-admin";

  private AdmissionReviews() {
  }

  /** {@code admission.k8s.io/v1} or {@code admission.k8s.io/v1beta1}, or empty when the webhook accepts neither. */
  static Optional<String> versionFor(JsonNode webhook) {
    for (JsonNode version : webhook.path("admissionReviewVersions")) {
      if (SPOKEN.contains(version.asText())) {
        return Optional.of(GROUP + "/" + version.asText());
      }
    }
    return Optional.empty();
  }

  static ObjectNode request(String apiVersion, String uid, AdmissionAttributes write) {
    ApiResource resource = write.resource();
    ObjectNode review = JSON.objectNode().put("apiVersion", apiVersion).put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", uid);
    ObjectNode kind = JSON.objectNode().put("group", resource.group()).put("version", resource.version())
        .put("kind", resource.kind());
    ObjectNode gvr = JSON.objectNode().put("group", resource.group()).put("version", resource.version())
        .put("resource", resource.plural());
    request.set("kind", kind);
    request.set("resource", gvr);
    if (write.subresource() != null) {
      request.put("subResource", write.subresource());
    }
    request.set("requestKind", kind.deepCopy());
    request.set("requestResource", gvr.deepCopy());
    if (write.subresource() != null) {
      request.put("requestSubResource", write.subresource());
    }
    request.put("name", write.name() == null ? "" : write.name());
    if (write.namespace() != null) {
      request.put("namespace", write.namespace());
    }
    request.put("operation", write.operation());
    ObjectNode user = request.putObject("userInfo").put("username", USER);
    user.putArray("groups").add("system:masters").add("system:authenticated");
    request.set("object", write.object() == null ? JSON.nullNode() : write.object());
    request.set("oldObject", write.oldObject() == null ? JSON.nullNode() : write.oldObject());
    request.put("dryRun", write.dryRun());
    String options = switch (write.operation()) {
      case AdmissionAttributes.CREATE -> "CreateOptions";
      case AdmissionAttributes.UPDATE -> "UpdateOptions";
      default -> "DeleteOptions";
    };
    request.putObject("options").put("apiVersion", "meta.k8s.io/v1").put("kind", options);
    return review;
  }

  /** The {@code response} of an answered review, once it passes the real API server's checks. */
  static JsonNode response(String apiVersion, String uid, JsonNode review) throws WebhookCallFailure {
    JsonNode response = review.path("response");
    if (!response.isObject()) {
      throw invalid("webhook response was absent");
    }
    if (apiVersion.endsWith("/v1")) {
      String gvk = review.path("apiVersion").asText("") + ", Kind=" + review.path("kind").asText("");
      if (!response.path("uid").asText("").equals(uid)) {
        throw invalid("expected response.uid=\"" + uid + "\", got \"" + response.path("uid").asText("") + "\"");
      }
      if (!gvk.equals(apiVersion + ", Kind=AdmissionReview")) {
        throw invalid("expected webhook response of " + apiVersion + ", Kind=AdmissionReview, got "
            + (review.path("apiVersion").asText("").isEmpty() ? "/" : review.path("apiVersion").asText())
            + ", Kind=" + review.path("kind").asText(""));
      }
    }
    if (!response.path("allowed").isBoolean() && response.has("allowed")) {
      throw invalid("response.allowed is not a boolean: " + response.path("allowed"));
    }
    return response;
  }

  private static WebhookCallFailure invalid(String why) {
    return new WebhookCallFailure("received invalid webhook response: " + why);
  }
}
