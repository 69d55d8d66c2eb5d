package io.glooupgrade.embedded.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a TLS server presents: its private key and certificate chain (the serving certificate
 * first), as read from a {@code kubernetes.io/tls} Secret's {@code tls.key} and {@code tls.crt}.
 */
public record ServingKey(PrivateKey key, List<X509Certificate> chain) {

  public ServingKey {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a serving key needs a certificate");
    }
  }

  /** The key and chain in these PEM texts, or empty when either holds none. */
  public static Optional<ServingKey> fromPem(byte[] certificatePem, byte[] keyPem) {
    List<X509Certificate> chain = Pem.certificates(certificatePem);
    return chain.isEmpty() ? Optional.empty() : Pem.privateKey(keyPem).map(k -> new ServingKey(k, chain));
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  @Override
  public String toString() {
    // Never the key itself.
    return "ServingKey[" + certificate().getSubjectX500Principal() + ", serial "
        + certificate().getSerialNumber().toString(16) + "]";
  }
}
