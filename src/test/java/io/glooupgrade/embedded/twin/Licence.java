package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.embedded.faults.Faults;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The Enterprise licence an Enterprise pod reads from {@code GLOO_LICENSE_KEY} (the chart fills it
 * from the Secret made of the {@code license_key} value). No key, or an expired one, and the
 * component exits with the message real Gloo Edge Enterprise logs.
 */
final class Licence {

  static final String ENV = "GLOO_LICENSE_KEY";
  private final String key;
  private final Faults faults;

  private Licence(String key, Faults faults) {
    this.key = key;
    this.faults = faults;
  }

  static Licence of(KubernetesClient client, Pod pod, Faults faults) {
    for (Container container : pod.getSpec().getContainers()) {
      for (EnvVar env : container.getEnv()) {
        if (ENV.equals(env.getName())) {
          return new Licence(value(client, pod.getMetadata().getNamespace(), env), faults);
        }
      }
    }
    return new Licence("", faults);
  }

  /** Why the licence is refused, if it is. */
  Optional<String> problem() {
    if (key.isBlank()) {
      return Optional.of("License is invalid or expired, crashing - license key not found (set license_key)");
    }
    if (faults.licencesExpired()) {
      return Optional.of("License is invalid or expired, crashing - the license has expired");
    }
    return Optional.empty();
  }

  private static String value(KubernetesClient client, String namespace, EnvVar env) {
    if (env.getValue() != null) {
      return env.getValue();
    }
    if (env.getValueFrom() == null || env.getValueFrom().getSecretKeyRef() == null) {
      return "";
    }
    var ref = env.getValueFrom().getSecretKeyRef();
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    if (secret == null) {
      return "";
    }
    if (secret.getData() != null && secret.getData().get(ref.getKey()) != null) {
      return new String(Base64.getDecoder().decode(secret.getData().get(ref.getKey())), StandardCharsets.UTF_8);
    }
    return secret.getStringData() == null ? "" : secret.getStringData().getOrDefault(ref.getKey(), "");
  }
}
