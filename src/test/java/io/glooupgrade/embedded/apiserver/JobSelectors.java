package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the real API server does to a Job on create (batch's {@code generateSelector}): unless
 * {@code spec.manualSelector} is true, the Job selects its pods by its own uid,
 * {@code spec.selector.matchLabels: batch.kubernetes.io/controller-uid: UID}, and its pod template
 * gets {@code batch.kubernetes.io/controller-uid}, {@code batch.kubernetes.io/job-name},
 * {@code controller-uid} and {@code job-name} labels (values the user set are kept). {@code kubectl
 * logs job/NAME} and {@code kubectl wait} find the Job's pods through that selector.
 *
 * <p>A Job with no labels of its own takes its template's labels, the generated ones included (in
 * Go the defaulted Job labels and the template labels are one map). Only on create: on update the
 * selector and template are immutable ({@link ImmutableJobFields}), so a Helm patch that leaves the
 * template alone keeps what was generated.
 *
 * <p>The uid must be the one the object is stored with, and fabric8's CRUD store picks it while
 * storing (overwriting any uid sent); so this runs on the object as the store is about to keep it.
 */
final class JobSelectors {

  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";
  private static final String LEGACY_CONTROLLER_UID = "controller-uid";
  private static final String LEGACY_JOB_NAME = "job-name";

  private JobSelectors() {
  }

  /** Whether a create at this path stores a Job. */
  static boolean createsJob(ApiPath api) {
    return api.group().equals("batch") && api.plural().equals("jobs") && api.subresource() == null;
  }

  /**
   * Refuses, as the real API's validation does, a Job that brings a selector of its own without
   * {@code spec.manualSelector: true}: the generated uid label is added to it, and then it no longer
   * matches the pods' labels. The message shows the selector as sent (a real one also shows the uid).
   */
  static void checkCreate(JsonNode job) {
    JsonNode spec = job.path("spec");
    JsonNode selector = spec.path("selector");
    boolean ownSelector = !selector.path("matchLabels").isEmpty() || !selector.path("matchExpressions").isEmpty();
    if (ownSelector && !spec.path("manualSelector").asBoolean(false)) {
      String name = job.path("metadata").path("name").asText();
      StringBuilder labels = new StringBuilder();
      selector.path("matchLabels").fields().forEachRemaining(e ->
          labels.append(e.getKey()).append(": ").append(e.getValue().asText()).append(','));
      throw new ApiRefusal(422, "Invalid", "Job.batch \"" + name + "\" is invalid: spec.selector: Invalid value: "
          + "&LabelSelector{MatchLabels:map[string]string{" + labels + "},MatchExpressions:[]LabelSelectorRequirement{"
          + (selector.path("matchExpressions").isEmpty() ? "" : "...") + "},}: `selector` not auto-generated");
    }
  }

  /** The Job as it is stored, given its uid: selector and template labels generated unless manual. */
  static ObjectNode generate(ObjectNode job) {
    ObjectNode spec = job.with("spec");
    if (spec.path("manualSelector").asBoolean(false)) {
      return job;
    }
    ObjectNode metadata = job.with("metadata");
    String uid = metadata.path("uid").asText();
    String name = metadata.path("name").asText();
    ObjectNode templateMetadata = spec.with("template").with("metadata");
    boolean hadTemplateLabels = templateMetadata.hasNonNull("labels");
    boolean jobLabelsFromTemplate = hadTemplateLabels && metadata.path("labels").isEmpty();
    ObjectNode labels = templateMetadata.with("labels");
    putIfAbsent(labels, LEGACY_JOB_NAME, name);
    putIfAbsent(labels, JOB_NAME, name);
    putIfAbsent(labels, LEGACY_CONTROLLER_UID, uid);
    putIfAbsent(labels, CONTROLLER_UID, uid);
    if (jobLabelsFromTemplate) {
      metadata.set("labels", labels.deepCopy());
    }
    putIfAbsent(spec.with("selector").with("matchLabels"), CONTROLLER_UID, uid);
    return job;
  }

  private static void putIfAbsent(ObjectNode labels, String key, String value) {
    if (!labels.has(key)) {
      labels.put(key, value);
    }
  }
}
