package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a {@code kubernetes.io/service-account-token} Secret as the token controller does: a
 * token the API issued for the ServiceAccount the Secret's {@code kubernetes.io/service-account.name}
 * annotation names (so it authenticates as that ServiceAccount, and may do what RBAC grants it),
 * the namespace, and the CA of the API's HTTPS port as {@code ca.crt}. This is what
 * {@code glooctl cluster register} builds the remote's kubeconfig from.
 */
final class TokenController {

  static final String TYPE = "kubernetes.io/service-account-token";
  static final String SERVICE_ACCOUNT_NAME = "kubernetes.io/service-account.name";
  private static final Logger LOG = LoggerFactory.getLogger(TokenController.class);

  private final KubernetesClient client;
  private final ServiceAccountTokenIssuer tokens;
  private final Supplier<String> certificateAuthority;

  TokenController(KubernetesClient client, ServiceAccountTokenIssuer tokens, Supplier<String> certificateAuthority) {
    this.client = client;
    this.tokens = tokens;
    this.certificateAuthority = certificateAuthority;
  }

  void reconcile(String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null || !TYPE.equals(secret.getType())
        || (secret.getData() != null && secret.getData().containsKey("token"))) {
      return;
    }
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    String account = annotations == null ? null : annotations.get(SERVICE_ACCOUNT_NAME);
    if (account == null || account.isEmpty()) {
      // A real API refuses such a Secret; here it was stored, so say why it stays without a token.
      LOG.warn("Secret {}/{} of type {} names no ServiceAccount ({}): it gets no token", namespace, name, TYPE,
          SERVICE_ACCOUNT_NAME);
      return;
    }
    Map<String, String> data = new LinkedHashMap<>(secret.getData() == null ? Map.of() : secret.getData());
    data.put("token", base64(tokens.issue(namespace, account)));
    data.put("namespace", base64(namespace));
    data.put("ca.crt", base64(certificateAuthority.get()));
    secret.setData(data);
    client.secrets().inNamespace(namespace).resource(secret).update();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
