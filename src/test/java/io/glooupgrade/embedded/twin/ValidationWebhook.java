package io.glooupgrade.embedded.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.glooupgrade.embedded.catalog.GlooCrd;
import io.glooupgrade.embedded.catalog.GlooVersion;
import io.glooupgrade.embedded.faults.Faults;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validating admission webhook a gloo pod serves on 8443 {@code /validation} (the {@code gloo}
 * Service's port 443), over HTTPS with its mounted certificate ({@link GlooPod}, {@link MountedTlsSecret}),
 * answering an AdmissionReview (v1 or v1beta1) as Gloo does: no apiVersion or kind, only
 * {@code response {uid, allowed, status | warnings}}.
 *
 * <p>A CREATE or UPDATE of a Gloo resource is unmarshalled against the API of the pod's release (an
 * Enterprise pod's OSS release, from {@code gloo.solo.io/oss-image-tag}); a field that release does
 * not know (retryBackOff before 1.13, retriableStatusCodes before 1.18, rateLimitedRetryBackOff
 * before 1.20) is an unmarshal error ({@link SpecUnmarshal}). Real Gloo refuses unmarshal errors
 * even with {@code alwaysAcceptResources}; the twin refuses them only under the fault
 * {@link Faults#oldWebhookRejectsNewFields()}, and otherwise allows the write with the error as a
 * warning. As Gloo, it skips DELETEs, status-only UPDATEs, RouteOptions and VirtualHostOptions
 * (validated only with the Kubernetes Gateway API on), objects annotated
 * {@code gateway.solo.io/skip_validation: "true"}, and kinds that are not Gloo's.
 *
 * <p>Runs on a listener thread while the embedded API waits for it: it never calls the API.
 */
final class ValidationWebhook {

  static final int PORT = 8443;
  static final String PATH = "/validation";
  static final String OSS_TAG_ANNOTATION = "gloo.solo.io/oss-image-tag";
  private static final Logger LOG = LoggerFactory.getLogger(ValidationWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> GLOO_GROUPS = Set.of("gateway.solo.io", "gloo.solo.io", "enterprise.gloo.solo.io",
      "ratelimit.solo.io", "graphql.gloo.solo.io");

  private final String namespace;
  private final Optional<GlooVersion> release;
  private final Faults faults;
  // The spec schemas of this webhook's release, by CRD, as its validations need them.
  private final Map<GlooCrd, JsonNode> specSchemas = new ConcurrentHashMap<>();

  private ValidationWebhook(String namespace, Optional<GlooVersion> release, Faults faults) {
    this.namespace = namespace;
    this.release = release;
    this.faults = faults;
  }

  /** The webhook of a gloo pod whose image has this tag. */
  static ValidationWebhook of(Pod pod, String imageTag, Faults faults) {
    var annotations = pod.getMetadata().getAnnotations();
    String ossTag = annotations == null ? null : annotations.get(OSS_TAG_ANNOTATION);
    Optional<GlooVersion> release = parse(ossTag).or(() -> parse(imageTag));
    if (release.isEmpty()) {
      LOG.warn("gloo pod {}/{} has no release number in {} or its image tag ({}): its webhook validates nothing",
          pod.getMetadata().getNamespace(), pod.getMetadata().getName(), OSS_TAG_ANNOTATION, imageTag);
    }
    return new ValidationWebhook(pod.getMetadata().getNamespace(), release, faults);
  }

  HttpAnswer answer(HttpCall call) {
    if (!call.path().equals(PATH)) {
      return HttpAnswer.text(404, "404 page not found\n");
    }
    String contentType = call.headers().getOrDefault("content-type", "");
    if (!contentType.equals("application/json") || call.body().length == 0) {
      return HttpAnswer.text(400, "empty body\n");
    }
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode response = answer.putObject("response");
    try {
      JsonNode request = JSON.readTree(call.body()).path("request");
      response.put("uid", request.path("uid").asText());
      review(request, response);
    } catch (IOException e) {
      response.put("allowed", false).putObject("status").put("message", e.getMessage());
    }
    return HttpAnswer.json(200, answer.toString());
  }

  private void review(JsonNode request, ObjectNode response) {
    Optional<String> error = unmarshalError(request);
    response.put("allowed", true);
    if (error.isEmpty()) {
      return;
    }
    String message = "resource incompatible with current Gloo snapshot: [1 error occurred:\n\t* " + error.get() + "\n\n]";
    if (!faults.oldWebhookRejectsNewFieldsEnabled()) {
      LOG.debug("gloo {} in {} warns: {}", release.orElseThrow(), namespace, message);
      response.putArray("warnings").add(message);
      return;
    }
    LOG.debug("gloo {} in {} rejects: {}", release.orElseThrow(), namespace, message);
    response.put("allowed", false);
    ObjectNode status = response.putObject("status");
    status.putObject("metadata");
    status.put("message", message);
    ObjectNode details = status.putObject("details").put("name", request.path("name").asText())
        .put("group", request.path("kind").path("group").asText()).put("kind", request.path("kind").path("kind").asText());
    details.putArray("causes").addObject().put("message", "Error 1 error occurred:\n\t* " + error.get() + "\n\n");
  }

  /** Gloo's {@code could not unmarshal raw object: ...}, when its release does not know a field. */
  private Optional<String> unmarshalError(JsonNode request) {
    String operation = request.path("operation").asText();
    JsonNode object = request.path("object");
    Optional<GlooCrd> crd = GlooCrd.byName(request.path("resource").path("resource").asText() + "."
        + request.path("resource").path("group").asText());
    boolean validated = release.isPresent() && crd.isPresent() && GLOO_GROUPS.contains(crd.get().group())
        && crd.get() != GlooCrd.ROUTE_OPTIONS && crd.get() != GlooCrd.VIRTUAL_HOST_OPTIONS
        && (operation.equals("CREATE") || operation.equals("UPDATE")) && object.isObject()
        && !"true".equals(object.path("metadata").path("annotations").path("gateway.solo.io/skip_validation").asText())
        && !(operation.equals("UPDATE") && statusOnly(object, request.path("oldObject")));
    return validated
        ? SpecUnmarshal.error(specSchemas.computeIfAbsent(crd.get(),
            c -> SpecUnmarshal.specSchema(release.get(), c)), crd.get(), object).map(e -> "could not unmarshal raw object: " + e)
        : Optional.empty();
  }

  // Gloo compares the resources' hashes, which leave the status out.
  private static boolean statusOnly(JsonNode object, JsonNode old) {
    return Objects.equals(object.path("spec"), old.path("spec"))
        && Objects.equals(object.path("metadata").path("labels"), old.path("metadata").path("labels"))
        && Objects.equals(object.path("metadata").path("annotations"), old.path("metadata").path("annotations"));
  }

  private static Optional<GlooVersion> parse(String tag) {
    try {
      return tag == null ? Optional.empty() : Optional.of(GlooVersion.parse(tag));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
