package io.glooupgrade.embedded.programs;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Secret certgen writes, as Go's makeTlsSecret builds it: name, namespace, type
 * {@code kubernetes.io/tls} and the three data keys, nothing else (no labels, owner or Helm
 * metadata; an update therefore drops any that someone added).
 */
record TlsSecret(String name, String namespace, String certKey, String keyKey, String caKey, byte[] key,
    byte[] certificate, byte[] caBundle) {

  static final String TYPE = "kubernetes.io/tls";

  static TlsSecret of(CertgenOptions options, byte[] key, byte[] certificate, byte[] caBundle) {
    return new TlsSecret(options.secretName(), options.secretNamespace(), options.certKey(), options.keyKey(),
        options.caKey(), key, certificate, caBundle);
  }

  /** The one as stored (Go's parseTlsSecret). */
  static TlsSecret read(Secret secret, CertgenOptions options) {
    return new TlsSecret(secret.getMetadata().getName(), secret.getMetadata().getNamespace(), options.certKey(),
        options.keyKey(), options.caKey(), data(secret, options.keyKey()), data(secret, options.certKey()),
        data(secret, options.caKey()));
  }

  TlsSecret withCaBundle(byte[] bundle) {
    return new TlsSecret(name, namespace, certKey, keyKey, caKey, key, certificate, bundle);
  }

  TlsSecret withServing(byte[] newCertificate, byte[] newKey) {
    return new TlsSecret(name, namespace, certKey, keyKey, caKey, newKey, newCertificate, caBundle);
  }

  /** The object to send; {@code resourceVersion} null on create. */
  Secret toSecret(String resourceVersion) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(keyKey, Base64.getEncoder().encodeToString(key));
    data.put(certKey, Base64.getEncoder().encodeToString(certificate));
    data.put(caKey, Base64.getEncoder().encodeToString(caBundle));
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .withResourceVersion(resourceVersion).endMetadata().withType(TYPE).withData(data).build();
  }

  static byte[] data(Secret secret, String key) {
    String value = secret.getData() == null ? null : secret.getData().get(key);
    return value == null ? new byte[0] : Base64.getDecoder().decode(value);
  }

  @Override
  public String toString() {
    return "TlsSecret[" + namespace + "/" + name + "]"; // never the key
  }
}
