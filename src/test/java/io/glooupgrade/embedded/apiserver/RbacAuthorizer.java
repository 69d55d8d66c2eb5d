package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides a request as kube-apiserver's authorisers do, in their order: members of
 * {@code system:masters} may do anything; then RBAC, from the bindings stored in this API at the
 * time of the request (and the {@link BootstrapPolicy}). A ClusterRoleBinding grants its role's
 * rules everywhere; a RoleBinding only in its own namespace, whether it refers to a Role or a
 * ClusterRole. Subjects: User by name, Group by membership, ServiceAccount by namespace and name (a
 * RoleBinding's ServiceAccount subject without a namespace means the binding's). There is no deny:
 * a request no rule allows is refused.
 *
 * <p>Not modelled: ClusterRole aggregation (an aggregated role grants the rules it has stored),
 * and the escalation checks on writing Roles and bindings ({@code escalate}, {@code bind}).
 */
final class RbacAuthorizer {

  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private final RbacObjects rbac;

  RbacAuthorizer(RbacObjects rbac) {
    this.rbac = rbac;
  }

  /**
   * The decision and its reason: for an allow, which binding allowed it (as an SSAR shows it); for
   * a deny, the bindings whose roles were missing ({@code RBAC: ...}), or empty.
   */
  record Decision(boolean allowed, String reason) {
  }

  Decision authorize(UserInfo user, RequestInfo request) {
    if (user.isPrivileged()) {
      return new Decision(true, "");
    }
    for (BootstrapPolicy.Binding binding : BootstrapPolicy.BINDINGS) {
      if (user.groups().contains(binding.group()) && binding.rules().stream().anyMatch(r -> r.allows(request))) {
        return new Decision(true, "RBAC: allowed by " + binding.describe());
      }
    }
    List<String> errors = new ArrayList<>();
    for (JsonNode binding : rbac.clusterRoleBindings()) {
      Optional<String> allowedBy = visit(user, request, binding, "", errors);
      if (allowedBy.isPresent()) {
        return new Decision(true, "RBAC: allowed by " + allowedBy.get());
      }
    }
    if (!request.namespace().isEmpty()) {
      for (JsonNode binding : rbac.roleBindings(request.namespace())) {
        Optional<String> allowedBy = visit(user, request, binding, request.namespace(), errors);
        if (allowedBy.isPresent()) {
          return new Decision(true, "RBAC: allowed by " + allowedBy.get());
        }
      }
    }
    // Like apimachinery's aggregate error: one as is, several as "[a, b]".
    String reason = errors.isEmpty() ? "" : "RBAC: " + (errors.size() == 1 ? errors.get(0)
        : "[" + String.join(", ", errors) + "]");
    return new Decision(false, reason);
  }

  /** How the binding allowed the request, or empty; a missing role is noted in errors. */
  private Optional<String> visit(UserInfo user, RequestInfo request, JsonNode binding, String bindingNamespace,
      List<String> errors) {
    JsonNode subject = null;
    for (JsonNode s : binding.path("subjects")) {
      if (appliesTo(user, s, bindingNamespace)) {
        subject = s;
        break;
      }
    }
    if (subject == null) {
      return Optional.empty();
    }
    JsonNode roleRef = binding.path("roleRef");
    String kind = roleRef.path("kind").asText();
    String roleName = roleRef.path("name").asText();
    Optional<JsonNode> role = kind.equals("ClusterRole") ? rbac.clusterRole(roleName)
        : kind.equals("Role") && !bindingNamespace.isEmpty() ? rbac.role(bindingNamespace, roleName)
        : Optional.empty();
    if (role.isEmpty()) {
      errors.add(kind.toLowerCase(java.util.Locale.ROOT) + "." + RBAC_GROUP + " \"" + roleName + "\" not found");
      return Optional.empty();
    }
    for (JsonNode rule : role.get().path("rules")) {
      if (PolicyRule.from(rule).allows(request)) {
        return Optional.of(describe(binding, bindingNamespace, kind, roleName, subject));
      }
    }
    return Optional.empty();
  }

  private static boolean appliesTo(UserInfo user, JsonNode subject, String bindingNamespace) {
    String name = subject.path("name").asText();
    return switch (subject.path("kind").asText()) {
      case "User" -> user.name().equals(name);
      case "Group" -> user.groups().contains(name);
      case "ServiceAccount" -> {
        String namespace = subject.path("namespace").asText("");
        if (namespace.isEmpty()) {
          namespace = bindingNamespace;
        }
        yield !namespace.isEmpty() && user.name().equals(UserInfo.serviceAccountName(namespace, name));
      }
      default -> false;
    };
  }

  private static String describe(JsonNode binding, String bindingNamespace, String kind, String roleName,
      JsonNode subject) {
    String name = binding.path("metadata").path("name").asText();
    String subjectKind = subject.path("kind").asText();
    String subjectName = subject.path("name").asText();
    if (subjectKind.equals("ServiceAccount")) {
      String namespace = subject.path("namespace").asText("");
      subjectName = subjectName + "/" + (namespace.isEmpty() ? bindingNamespace : namespace);
    }
    String described = bindingNamespace.isEmpty()
        ? "ClusterRoleBinding \"" + name + "\"" : "RoleBinding \"" + name + "/" + bindingNamespace + "\"";
    return described + " of " + kind + " \"" + roleName + "\" to " + subjectKind + " \"" + subjectName + "\"";
  }
}
