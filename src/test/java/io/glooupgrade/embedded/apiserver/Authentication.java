package io.glooupgrade.embedded.apiserver;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Who a request is from. No Authorization header, or the bearer token of the kubeconfig an
 * embedded cluster hands out ({@link EmbeddedApiServer#ADMIN_TOKEN}), is the cluster's
 * administrator (the harness, Helm and the embedded controllers); a token from
 * {@link ServiceAccountTokens} is its ServiceAccount while that exists. Anything else is 401
 * Unauthorized, as a real API server answers a token it cannot verify. Tokens never reach a message
 * or a log.
 */
final class Authentication {

  private static final String BEARER = "bearer ";

  private final ServiceAccountTokens tokens;
  private final Predicate<ServiceAccountTokens.ServiceAccount> exists;

  Authentication(ServiceAccountTokens tokens, Predicate<ServiceAccountTokens.ServiceAccount> exists) {
    this.tokens = tokens;
    this.exists = exists;
  }

  UserInfo authenticate(RecordedRequest request) {
    List<String> headers = request.getHeaders().headers("Authorization");
    if (headers.isEmpty()) {
      return UserInfo.ADMIN;
    }
    String header = headers.get(0).trim();
    if (headers.size() != 1 || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      throw unauthorized();
    }
    String token = header.substring(BEARER.length()).trim();
    if (token.equals(EmbeddedApiServer.ADMIN_TOKEN)) {
      return UserInfo.ADMIN;
    }
    return tokens.holderOf(token).filter(exists).map(ServiceAccountTokens.ServiceAccount::user)
        .orElseThrow(Authentication::unauthorized);
  }

  private static ApiRefusal unauthorized() {
    return new ApiRefusal(401, "Unauthorized", "Unauthorized");
  }
}
