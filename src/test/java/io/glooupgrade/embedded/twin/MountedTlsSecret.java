package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.glooupgrade.embedded.pki.ServingKey;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validation webhook's certificate and key as a gloo pod sees them: the {@code tls.crt} and
 * {@code tls.key} of the Secret its pod spec mounts at {@value #MOUNT_PATH} (the chart's
 * {@code gateway-validation-certs}, written by certgen). Gloo watches those files and serves the
 * latest; the twin reads the Secret through the API (an informer, listed when the pod starts and
 * watched after), so every new TLS handshake gets what the Secret holds now, rotations included.
 *
 * <p>{@link #current()} runs inside a TLS handshake the embedded API is waiting on: it reads the
 * informer's cache only, never the API.
 */
final class MountedTlsSecret implements AutoCloseable {

  static final String MOUNT_PATH = "/etc/gateway/validation-certs";
  private static final Logger LOG = LoggerFactory.getLogger(MountedTlsSecret.class);

  private final String namespace;
  private final Optional<String> secretName;
  private final SharedIndexInformer<Secret> secrets;
  private volatile Parsed parsed = new Parsed(null, Optional.empty());

  /** The key as last parsed, by the Secret's resourceVersion: parse each version once. */
  private record Parsed(String resourceVersion, Optional<ServingKey> key) {
  }

  private MountedTlsSecret(String namespace, Optional<String> secretName, SharedIndexInformer<Secret> secrets) {
    this.namespace = namespace;
    this.secretName = secretName;
    this.secrets = secrets;
  }

  /** The Secret {@code container} of {@code pod} mounts at {@value #MOUNT_PATH}, watched from now on. */
  static MountedTlsSecret of(KubernetesClient client, Pod pod, Container container) {
    String namespace = pod.getMetadata().getNamespace();
    Optional<String> name = secretName(pod, container);
    if (name.isEmpty()) {
      LOG.debug("pod {}/{} mounts no Secret at {}: it serves no validation webhook", namespace,
          pod.getMetadata().getName(), MOUNT_PATH);
      return new MountedTlsSecret(namespace, name, null);
    }
    SharedIndexInformer<Secret> informer = client.secrets().inNamespace(namespace).runnableInformer(0);
    // Started off the caller's thread: the pod runtime's informer must not wait for this one to sync.
    informer.start();
    return new MountedTlsSecret(namespace, name, informer);
  }

  /** The secretName of the volume that {@code container} mounts at {@value #MOUNT_PATH}. */
  static Optional<String> secretName(Pod pod, Container container) {
    Optional<String> volume = container.getVolumeMounts().stream()
        .filter(m -> MOUNT_PATH.equals(m.getMountPath()) || (MOUNT_PATH + "/").equals(m.getMountPath()))
        .map(VolumeMount::getName).findFirst();
    return volume.flatMap(v -> pod.getSpec().getVolumes().stream().filter(vol -> v.equals(vol.getName())).findFirst())
        .map(Volume::getSecret).map(s -> s.getSecretName());
  }

  /** The key and certificate the Secret holds now; empty while it is absent or holds none. */
  Optional<ServingKey> current() {
    if (secrets == null || secretName.isEmpty()) {
      return Optional.empty();
    }
    Secret secret = secrets.getStore().getByKey(namespace + "/" + secretName.get());
    if (secret == null) {
      return Optional.empty();
    }
    Parsed last = parsed;
    String version = secret.getMetadata().getResourceVersion();
    if (last.resourceVersion() != null && Objects.equals(last.resourceVersion(), version)) {
      return last.key();
    }
    Optional<ServingKey> key = ServingKey.fromPem(data(secret, "tls.crt"), data(secret, "tls.key"));
    if (key.isEmpty()) {
      LOG.warn("Secret {}/{} has no usable tls.crt and tls.key: the validation webhook serves nothing",
          namespace, secretName.get());
    }
    parsed = new Parsed(version, key);
    return key;
  }

  private static byte[] data(Secret secret, String key) {
    String value = secret.getData() == null ? null : secret.getData().get(key);
    return value == null ? new byte[0] : Base64.getDecoder().decode(value);
  }

  @Override
  public void close() {
    if (secrets != null) {
      secrets.close();
    }
  }
}
