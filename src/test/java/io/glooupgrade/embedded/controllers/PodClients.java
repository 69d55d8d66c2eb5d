package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** A client of the embedded API as a pod's ServiceAccount would have it: its token, its namespace. */
final class PodClients {

  private PodClients() {
  }

  static KubernetesClient asServiceAccount(String apiUrl, String certificateAuthority, String token,
      String namespace) {
    return new KubernetesClientBuilder().withConfig(Config.empty()).editOrNewConfig().withMasterUrl(apiUrl)
        .withCaCertData(java.util.Base64.getEncoder().encodeToString(
            certificateAuthority.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .withOauthToken(token).withNamespace(namespace).withRequestTimeout(10_000).withRequestRetryBackoffLimit(0)
        .endConfig().build();
  }
}
