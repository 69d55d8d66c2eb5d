package io.glooupgrade.embedded.apiserver;

import java.util.List;

/**
 * Who a request is from, as the API server's authenticators say it (apiserver's {@code user.Info}):
 * a user name and the groups RBAC bindings can name.
 */
record UserInfo(String name, List<String> groups) {

  static final String MASTERS = "system:masters";
  static final String AUTHENTICATED = "system:authenticated";
  static final String SERVICE_ACCOUNTS = "system:serviceaccounts";
  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  /** The cluster's administrator: the harness and Helm, through the kubeconfig an embedded cluster hands out. */
  static final UserInfo ADMIN = new UserInfo("system:admin", List.of(MASTERS, AUTHENTICATED));

  UserInfo {
    groups = List.copyOf(groups);
  }

  /** A ServiceAccount as its token authenticates it. */
  static UserInfo serviceAccount(String namespace, String name) {
    return new UserInfo(serviceAccountName(namespace, name),
        List.of(SERVICE_ACCOUNTS, SERVICE_ACCOUNTS + ":" + namespace, AUTHENTICATED));
  }

  static String serviceAccountName(String namespace, String name) {
    return SERVICE_ACCOUNT_PREFIX + namespace + ":" + name;
  }

  /** Members of system:masters may do anything, before RBAC is asked (the real privileged-group authoriser). */
  boolean isPrivileged() {
    return groups.contains(MASTERS);
  }

  /** {namespace, name} when this is a ServiceAccount's user name, else null. */
  String[] serviceAccount() {
    if (!name.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      return null;
    }
    String[] parts = name.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", -1);
    return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() ? parts : null;
  }
}
