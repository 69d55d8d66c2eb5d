package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills a {@code kubernetes.io/service-account-token} Secret with a token, as the token controller
 * does, so {@code glooctl cluster register} can build the remote's kubeconfig from it. The
 * embedded API does not check tokens; each is random all the same.
 */
final class TokenController {

  static final String TYPE = "kubernetes.io/service-account-token";
  private final KubernetesClient client;
  private final SecureRandom random = new SecureRandom();

  TokenController(KubernetesClient client) {
    this.client = client;
  }

  void reconcile(String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null || !TYPE.equals(secret.getType())
        || (secret.getData() != null && secret.getData().containsKey("token"))) {
      return;
    }
    byte[] token = new byte[32];
    random.nextBytes(token);
    Map<String, String> data = new LinkedHashMap<>(secret.getData() == null ? Map.of() : secret.getData());
    data.put("token", base64(Base64.getUrlEncoder().withoutPadding().encodeToString(token)));
    data.put("namespace", base64(namespace));
    data.put("ca.crt", base64("embedded cluster: plain HTTP, no certificate authority"));
    secret.setData(data);
    client.secrets().inNamespace(namespace).resource(secret).update();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
