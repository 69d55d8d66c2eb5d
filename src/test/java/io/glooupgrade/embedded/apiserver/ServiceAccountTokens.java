package io.glooupgrade.embedded.apiserver;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens this API accepts for ServiceAccounts, as the real token controller and the
 * kubelet's projected tokens provide them: each authenticates as
 * {@code system:serviceaccount:NAMESPACE:NAME}, in the groups {@code system:serviceaccounts},
 * {@code system:serviceaccounts:NAMESPACE} and {@code system:authenticated}, for as long as the
 * ServiceAccount exists (a token of a deleted ServiceAccount is refused, as the real authenticator
 * refuses it). What such a request may do is then up to RBAC.
 *
 * <p>Tokens are random and opaque (not JWTs). They are secrets: never logged, never in a message.
 * Thread-safe.
 */
public final class ServiceAccountTokens {

  private final SecureRandom random = new SecureRandom();
  private final Map<String, ServiceAccount> issued = new ConcurrentHashMap<>();

  /** One ServiceAccount a token stands for. */
  record ServiceAccount(String namespace, String name) {

    UserInfo user() {
      return UserInfo.serviceAccount(namespace, name);
    }
  }

  /** A new random bearer token that authenticates as the ServiceAccount {@code namespace/serviceAccount}. */
  public String issue(String namespace, String serviceAccount) {
    ServiceAccount account = new ServiceAccount(requireName(namespace, "namespace"),
        requireName(serviceAccount, "serviceAccount"));
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    issued.put(token, account);
    return token;
  }

  /** The ServiceAccount this token was issued for, or empty when this registry never issued it. */
  Optional<ServiceAccount> holderOf(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(issued.get(token));
  }

  private static String requireName(String value, String what) {
    if (Objects.requireNonNull(value, what).isEmpty() || value.contains(":")) {
      throw new IllegalArgumentException(what + " must be a Kubernetes name: '" + value + "'");
    }
    return value;
  }
}
