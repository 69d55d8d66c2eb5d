package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One write as admission sees it: what is done (CREATE, UPDATE, DELETE) to which resource, and
 * the object as it will be stored (defaulted and pruned) next to the one it replaces.
 *
 * @param subresource {@code status} or null
 * @param namespace null for cluster-scoped resources
 * @param object null for DELETE
 * @param oldObject null for CREATE
 */
record AdmissionAttributes(String operation, ApiResource resource, String subresource, String namespace,
    String name, JsonNode object, JsonNode oldObject, boolean dryRun) {

  static final String CREATE = "CREATE";
  static final String UPDATE = "UPDATE";
  static final String DELETE = "DELETE";

  /** {@code virtualservices} or {@code virtualservices/status}, as a webhook rule names it. */
  String resourcePath() {
    return subresource == null ? resource.plural() : resource.plural() + "/" + subresource;
  }
}
