package io.glooupgrade.embedded.faults;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.embedded.pki.ServingCertificates;
import java.util.Base64;
import java.util.List;

/**
 * The webhookTrustsAnotherCa fault at work: once certgen has patched the webhooks, their caBundle
 * becomes another authority's, which signed nothing gloo serves; the API server's calls then fail
 * the TLS handshake.
 */
public final class ForeignCaBundle {

  private static final String WEBHOOK_FLAG = "--validating-webhook-configuration-name=";

  private ForeignCaBundle() {
  }

  /** After a certgen run with these args, as its pod's account (which may update the webhooks). */
  public static void replace(KubernetesClient client, List<String> certgenArgs) {
    String name = certgenArgs.stream().filter(a -> a.startsWith(WEBHOOK_FLAG))
        .map(a -> a.substring(WEBHOOK_FLAG.length())).findFirst().orElseThrow(() ->
            new IllegalStateException("certgen was given no webhook configuration: " + certgenArgs));
    String foreign = Base64.getEncoder().encodeToString(ServingCertificates.forService("elsewhere", "other").caPem());
    // A get and an update, as certgen does: its account may not patch.
    ValidatingWebhookConfiguration config = client.admissionRegistration().v1().validatingWebhookConfigurations()
        .withName(name).get();
    config.getWebhooks().forEach(w -> w.getClientConfig().setCaBundle(foreign));
    client.admissionRegistration().v1().validatingWebhookConfigurations().resource(config).update();
  }
}
