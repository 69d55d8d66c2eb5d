package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validating admission webhooks: every write the ValidatingWebhookConfigurations in the store
 * select is sent, after defaults and pruning and before it is stored, to each selecting webhook
 * (configurations by name, webhooks in order). A webhook that denies refuses the write with its
 * Status code (at least 400) and {@code admission webhook "NAME" denied the request: MESSAGE}. One
 * that cannot be asked, or answers nonsense, is skipped under {@code failurePolicy: Ignore}
 * (logged at debug, and kept as kube-apiserver's log line {@code Failed calling webhook, failing
 * open NAME: ...}, see {@link #failedOpen()}) and refuses the write under {@code Fail} (the default) with
 * 500 {@code Internal error occurred: failed calling webhook "NAME": ...}. Warnings in allowed
 * answers are kept for the request's {@code Warning} headers ({@link #takeWarnings()}).
 *
 * <p>As on a real API server, ValidatingWebhookConfigurations and MutatingWebhookConfigurations
 * themselves are never sent to webhooks (so a broken webhook can always be removed).
 * {@code matchConditions} (CEL) are not evaluated: such a webhook is called for every write its
 * rules select, with a warning in the log.
 */
final class ValidatingWebhooks {

  private static final Logger LOG = LoggerFactory.getLogger(ValidatingWebhooks.class);
  private static final String REGISTRATION_GROUP = "admissionregistration.k8s.io";
  private static final int FAILED_OPEN_KEPT = 100;

  /** Configuration name -> the configuration as stored, kept current by the dispatcher. */
  private final Map<String, JsonNode> configurations = new ConcurrentSkipListMap<>();
  private final WebhookClient client = new WebhookClient();
  private final Function<String, Optional<JsonNode>> storedNamespace;
  /** Warnings of the request being served, per thread: the API answers one request at a time per thread. */
  private final ThreadLocal<List<String>> warnings = ThreadLocal.withInitial(ArrayList::new);
  /** The latest calls that failed under failurePolicy Ignore, oldest first, as the API server logs them. */
  private final Deque<String> failedOpen = new ArrayDeque<>();

  /** @param storedNamespace a namespace object as stored, by name (for namespaceSelectors) */
  ValidatingWebhooks(Function<String, Optional<JsonNode>> storedNamespace) {
    this.storedNamespace = storedNamespace;
  }

  void endpoints(ServiceEndpoints endpoints) {
    client.endpoints(endpoints);
  }

  void configurationStored(JsonNode configuration) {
    configurations.put(configuration.path("metadata").path("name").asText(), configuration);
  }

  void configurationDeleted(String name) {
    configurations.remove(name);
  }

  /** Asks every webhook that selects the write; throws an ApiRefusal when one says no. */
  void validate(AdmissionAttributes write) {
    if (configurations.isEmpty() || write.resource().group().equals(REGISTRATION_GROUP)) {
      return;
    }
    for (JsonNode configuration : configurations.values()) {
      for (JsonNode webhook : configuration.path("webhooks")) {
        if (WebhookRules.selects(webhook, write, storedNamespace)) {
          ask(webhook, write);
        }
      }
    }
  }

  /** The latest webhook calls that failed and were ignored (at most 100), oldest first. */
  List<String> failedOpen() {
    synchronized (failedOpen) {
      return List.copyOf(failedOpen);
    }
  }

  /** The warnings webhooks gave while this thread served its current request; forgets them. */
  List<String> takeWarnings() {
    List<String> taken = List.copyOf(warnings.get());
    warnings.remove();
    return taken;
  }

  private void ask(JsonNode webhook, AdmissionAttributes write) {
    String name = webhook.path("name").asText();
    if (webhook.path("matchConditions").size() > 0) {
      LOG.warn("webhook {} has matchConditions, which the embedded API does not evaluate: calling it for {} {}",
          name, write.operation(), write.resourcePath());
    }
    try {
      String version = AdmissionReviews.versionFor(webhook).orElseThrow(() -> new WebhookCallFailure(
          "webhook does not accept known AdmissionReview versions " + webhook.path("admissionReviewVersions")));
      String uid = UUID.randomUUID().toString();
      JsonNode response = AdmissionReviews.response(version, uid,
          client.call(webhook, AdmissionReviews.request(version, uid, write)));
      response.path("warnings").forEach(w -> warnings.get().add(w.asText()));
      if (!response.path("allowed").asBoolean(false)) {
        throw denied(name, response.path("status"));
      }
    } catch (WebhookCallFailure e) {
      String message = "failed calling webhook \"" + name + "\": " + e.getMessage();
      if ("Ignore".equals(webhook.path("failurePolicy").asText("Fail"))) {
        LOG.debug("{} {} {}/{}: {}; failurePolicy is Ignore, so the write goes on", write.operation(),
            write.resourcePath(), write.namespace(), write.name(), message);
        synchronized (failedOpen) {
          failedOpen.addLast("Failed calling webhook, failing open " + name + ": " + message);
          if (failedOpen.size() > FAILED_OPEN_KEPT) {
            failedOpen.removeFirst();
          }
        }
        return;
      }
      throw new ApiRefusal(500, "InternalError", "Internal error occurred: " + message);
    }
  }

  // As the real API server's ToStatusErr: the webhook's code (at least 400) and reason, its message prefixed.
  private static ApiRefusal denied(String name, JsonNode status) {
    int code = Math.max(400, status.path("code").asInt(0));
    String reason = status.path("reason").asText("");
    String message = status.path("message").asText("");
    String deniedBy = "admission webhook \"" + name + "\" denied the request";
    String text = !message.isEmpty() ? deniedBy + ": " + message
        : !reason.isEmpty() ? deniedBy + ": " + reason
        : deniedBy + " without explanation";
    return new ApiRefusal(code, reason, text).asExpected();
  }
}
