package io.glooupgrade.embedded.programs;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Base64;
import java.util.List;

/**
 * certgen's last step (Go's UpdateValidatingWebhookConfigurationCaBundle): Get the named
 * ValidatingWebhookConfiguration, set {@code clientConfig.caBundle} to the Secret's CA on every
 * webhook that calls the Service, and Update it. Webhooks of other Services are left alone.
 */
final class WebhookCaBundle {

  private static final String RESOURCE = "validatingwebhookconfigurations.admissionregistration.k8s.io";

  private final KubernetesClient client;
  private final ZapLog log;

  WebhookCaBundle(KubernetesClient client, ZapLog log) {
    this.client = client;
    this.log = log;
  }

  void patch(String configurationName, String service, String namespace, byte[] caBundle) throws CertgenFailure {
    log.info("attempting to patch caBundle for ValidatingWebhookConfiguration", "svc", service, "vwc",
        configurationName);
    var configurations = client.admissionRegistration().v1().validatingWebhookConfigurations();
    ValidatingWebhookConfiguration configuration;
    try {
      configuration = configurations.withName(configurationName).get();
    } catch (KubernetesClientException e) {
      throw CertgenFailure.wrap("failed to retrieve vwc", ApiErrors.message(e));
    }
    if (configuration == null) {
      throw CertgenFailure.wrap("failed to retrieve vwc", ApiErrors.notFound(RESOURCE, configurationName));
    }
    // The API keeps caBundle as []byte: base64 of the PEM in JSON.
    String encoded = Base64.getEncoder().encodeToString(caBundle);
    List<ValidatingWebhook> webhooks = configuration.getWebhooks() == null ? List.of() : configuration.getWebhooks();
    for (int i = 0; i < webhooks.size(); i++) {
      var clientConfig = webhooks.get(i).getClientConfig();
      var target = clientConfig == null ? null : clientConfig.getService();
      if (target != null && service.equals(target.getName()) && namespace.equals(target.getNamespace())) {
        clientConfig.setCaBundle(encoded);
        log.info("set CA bundle on ValidatingWebhookConfiguration", "svc", service, "vwc", configurationName,
            "webhook", i);
      }
    }
    try {
      configurations.resource(configuration).update();
    } catch (KubernetesClientException e) {
      throw CertgenFailure.wrap("failed to update vwc", ApiErrors.message(e));
    }
  }
}
