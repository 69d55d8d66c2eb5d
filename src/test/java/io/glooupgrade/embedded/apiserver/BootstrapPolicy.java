package io.glooupgrade.embedded.apiserver;

import java.util.List;

/**
 * The part of a real cluster's bootstrap RBAC policy every client relies on: ClusterRoles
 * {@code system:discovery}, {@code system:basic-user} and {@code system:public-info-viewer}, bound
 * to {@code system:authenticated}, and {@code system:service-account-issuer-discovery}, bound to
 * {@code system:serviceaccounts}. So discovery, {@code /version}, {@code /openapi}, the health
 * checks and {@code kubectl auth can-i} work for any authenticated subject. They are not stored
 * (listing ClusterRoles shows only what was written), but they decide as if they were.
 */
final class BootstrapPolicy {

  /** One bootstrap ClusterRoleBinding: its name (also its role's), the group it binds, the role's rules. */
  record Binding(String name, String group, List<PolicyRule> rules) {

    /** How the real authoriser names it in an SSAR's reason. */
    String describe() {
      return "ClusterRoleBinding \"" + name + "\" of ClusterRole \"" + name + "\" to Group \"" + group + "\"";
    }
  }

  private static final List<String> GET = List.of("get");
  private static final List<String> HEALTH_AND_VERSION = List.of("/healthz", "/livez", "/readyz", "/version",
      "/version/");

  static final List<Binding> BINDINGS = List.of(
      new Binding("system:discovery", UserInfo.AUTHENTICATED, List.of(PolicyRule.nonResource(GET,
          List.of("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz",
              "/version", "/version/")))),
      new Binding("system:basic-user", UserInfo.AUTHENTICATED, List.of(
          PolicyRule.resources(List.of("create"), "authorization.k8s.io",
              List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews")),
          PolicyRule.resources(List.of("create"), "authentication.k8s.io", List.of("selfsubjectreviews")))),
      new Binding("system:public-info-viewer", UserInfo.AUTHENTICATED,
          List.of(PolicyRule.nonResource(GET, HEALTH_AND_VERSION))),
      new Binding("system:service-account-issuer-discovery", UserInfo.SERVICE_ACCOUNTS,
          List.of(PolicyRule.nonResource(GET, List.of("/.well-known/openid-configuration",
              "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/")))));

  private BootstrapPolicy() {
  }
}
