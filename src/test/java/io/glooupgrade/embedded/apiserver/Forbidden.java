package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The 403 a real API server answers a request its authorisers refuse, worded as its
 * {@code forbiddenMessage} and {@code NewForbidden} word it, for example
 * {@code customresourcedefinitions.apiextensions.k8s.io "upstreams.gloo.solo.io" is forbidden: User
 * "system:serviceaccount:gloo-system:gloo-resource-cleanup" cannot get resource
 * "customresourcedefinitions" in API group "apiextensions.k8s.io" at the cluster scope}.
 * kubectl prints it after {@code Error from server (Forbidden): }.
 */
final class Forbidden {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Forbidden() {
  }

  static ApiRefusal of(UserInfo user, RequestInfo request, String reason) {
    String why;
    if (!request.resourceRequest()) {
      why = "User \"" + user.name() + "\" cannot " + request.verb() + " path \"" + request.path() + "\"";
    } else {
      why = "User \"" + user.name() + "\" cannot " + request.verb() + " resource \"" + request.combinedResource()
          + "\" in API group \"" + request.apiGroup() + "\""
          + (request.namespace().isEmpty() ? " at the cluster scope"
              : " in the namespace \"" + request.namespace() + "\"");
    }
    if (!reason.isEmpty()) {
      why = why + ": " + reason;
    }
    String groupResource = request.apiGroup().isEmpty() ? request.resource()
        : request.resource() + "." + request.apiGroup();
    String message;
    if (groupResource.isEmpty()) {
      message = "forbidden: " + why;
    } else if (request.name().isEmpty()) {
      message = groupResource + " is forbidden: " + why;
    } else {
      message = groupResource + " \"" + request.name() + "\" is forbidden: " + why;
    }
    ObjectNode details = JSON.createObjectNode();
    if (!request.name().isEmpty()) {
      details.put("name", request.name());
    }
    if (!request.apiGroup().isEmpty()) {
      details.put("group", request.apiGroup());
    }
    if (!request.resource().isEmpty()) {
      details.put("kind", request.resource());
    }
    // An RBAC denial is an ordinary answer (a hook Job's "get crd" may be meant to fail), not a fault.
    return new ApiRefusal(403, "Forbidden", message).withDetails(details).asExpected();
  }
}
