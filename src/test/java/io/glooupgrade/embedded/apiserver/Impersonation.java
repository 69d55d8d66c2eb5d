package io.glooupgrade.embedded.apiserver;

import io.fabric8.mockwebserver.http.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kubectl --as=USER --as-group=GROUP}: the Impersonate-User, Impersonate-Group,
 * Impersonate-Uid and Impersonate-Extra-* headers, as the real API server honours them. Each is
 * first authorised for the requester as the verb {@code impersonate} on users, groups,
 * serviceaccounts (a {@code system:serviceaccount:NS:NAME} user), uids or userextras; the request
 * then acts as the impersonated user, with the given groups (a ServiceAccount's own groups when
 * none are given) and {@code system:authenticated}. The administrator may impersonate anyone.
 */
final class Impersonation {

  private static final String USER = "impersonate-user";
  private static final String GROUP = "impersonate-group";
  private static final String UID = "impersonate-uid";
  private static final String EXTRA = "impersonate-extra-";
  private static final String AUTHENTICATION_GROUP = "authentication.k8s.io";

  private Impersonation() {
  }

  /** Who the request acts as: the requester, or whom it may and does impersonate. */
  static UserInfo actingAs(UserInfo requester, Headers headers, RbacAuthorizer authorizer) {
    Map<String, List<String>> all = headers.toMultimap();
    List<String> users = values(all, USER);
    List<String> groups = values(all, GROUP);
    List<String> uids = values(all, UID);
    List<String> extraKeys = all.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT))
        .filter(k -> k.startsWith(EXTRA)).toList();
    if (users.isEmpty()) {
      if (!groups.isEmpty() || !uids.isEmpty() || !extraKeys.isEmpty()) {
        throw new ApiRefusal(500, "InternalError",
            "Internal error occurred: requested impersonation of groups, uid or extras without impersonating a user");
      }
      return requester;
    }
    if (users.size() > 1) {
      throw new ApiRefusal(400, "BadRequest", "only one Impersonate-User may be given");
    }
    String user = users.get(0);
    UserInfo asServiceAccount = new UserInfo(user, List.of());
    String[] account = asServiceAccount.serviceAccount();
    check(requester, account != null
        ? RequestInfo.resource("impersonate", "", account[0], "serviceaccounts", "", account[1])
        : RequestInfo.resource("impersonate", "", "", "users", "", user), authorizer);
    for (String group : groups) {
      check(requester, RequestInfo.resource("impersonate", "", "", "groups", "", group), authorizer);
    }
    for (String uid : uids) {
      check(requester, RequestInfo.resource("impersonate", AUTHENTICATION_GROUP, "", "uids", "", uid), authorizer);
    }
    for (String key : extraKeys) {
      for (String value : values(all, key)) {
        check(requester, RequestInfo.resource("impersonate", AUTHENTICATION_GROUP, "", "userextras",
            key.substring(EXTRA.length()), value), authorizer);
      }
    }
    List<String> actingGroups = new ArrayList<>(groups);
    if (account != null && groups.isEmpty()) {
      actingGroups.addAll(UserInfo.serviceAccount(account[0], account[1]).groups());
    }
    if (!user.equals("system:anonymous") && !actingGroups.contains(UserInfo.AUTHENTICATED)) {
      actingGroups.add(UserInfo.AUTHENTICATED);
    }
    return new UserInfo(user, actingGroups);
  }

  private static void check(UserInfo requester, RequestInfo impersonate, RbacAuthorizer authorizer) {
    RbacAuthorizer.Decision decision = authorizer.authorize(requester, impersonate);
    if (!decision.allowed()) {
      throw Forbidden.of(requester, impersonate, decision.reason());
    }
  }

  private static List<String> values(Map<String, List<String>> headers, String lowerCaseName) {
    List<String> values = new ArrayList<>();
    headers.forEach((name, list) -> {
      if (name.toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
        values.addAll(list);
      }
    });
    return values;
  }
}
