package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews}, what {@code kubectl auth
 * can-i} asks: may the requester do this (resourceAttributes) or get that path
 * (nonResourceAttributes)? Answered at once, by the same authoriser that decides real requests,
 * with the review and its {@code status.allowed} and {@code reason}; nothing is stored.
 */
final class SelfSubjectAccessReviews {

  private final RbacAuthorizer authorizer;

  SelfSubjectAccessReviews(RbacAuthorizer authorizer) {
    this.authorizer = authorizer;
  }

  static boolean serves(ApiPath api) {
    return api.group().equals("authorization.k8s.io") && api.plural().equals("selfsubjectaccessreviews");
  }

  ApiResponse create(UserInfo user, ApiPath api, ObjectNode review) {
    if (!api.isCollection() || api.subresource() != null) {
      throw new ApiRefusal(405, "MethodNotAllowed", "a SelfSubjectAccessReview is only created, at its collection");
    }
    JsonNode spec = review.path("spec");
    JsonNode resource = spec.path("resourceAttributes");
    JsonNode nonResource = spec.path("nonResourceAttributes");
    if (resource.isObject() == nonResource.isObject()) {
      throw new ApiRefusal(422, "Invalid", "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: "
          + "spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or "
          + "resourceAttributes must be specified");
    }
    RequestInfo asked = resource.isObject()
        ? RequestInfo.resource(resource.path("verb").asText(""), resource.path("group").asText(""),
            resource.path("namespace").asText(""), resource.path("resource").asText(""),
            resource.path("subresource").asText(""), resource.path("name").asText(""))
        : RequestInfo.nonResource(nonResource.path("verb").asText(""), nonResource.path("path").asText(""));
    RbacAuthorizer.Decision decision = authorizer.authorize(user, asked);
    ObjectNode answer = review.deepCopy();
    answer.put("kind", "SelfSubjectAccessReview").put("apiVersion", "authorization.k8s.io/v1");
    answer.with("metadata").putNull("creationTimestamp");
    ObjectNode status = answer.putObject("status").put("allowed", decision.allowed());
    if (!decision.reason().isEmpty()) {
      status.put("reason", decision.reason());
    }
    return ApiResponse.json(201, answer.toString());
  }
}
