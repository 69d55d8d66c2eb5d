package io.glooupgrade.embedded.pki;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server-side key manager that asks, at every TLS handshake, for the key to serve with now: a
 * server whose certificate is rotated (certgen rewrites its Secret on every upgrade) presents the
 * new one to the next client that connects, as Gloo's certificate watcher makes it do. With no key
 * at that moment the handshake fails: the server serves nothing.
 *
 * <p>The alias names the key chosen for one handshake, so that the certificate and the key it
 * then asks for belong together even if the key changes meanwhile.
 */
public class ServingKeyManager extends X509ExtendedKeyManager {

  private final Supplier<Optional<ServingKey>> current;
  /** The keys of recent handshakes by alias; a server rotates a handful of times in a test, never thousands. */
  private final Map<String, ServingKey> chosen = Collections.synchronizedMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ServingKey> eldest) {
      return size() > 16;
    }
  });

  public ServingKeyManager(Supplier<Optional<ServingKey>> current) {
    this.current = current;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return choose(keyType);
  }

  private String choose(String keyType) {
    Optional<ServingKey> key = current.get();
    if (key.isEmpty() || !key.get().key().getAlgorithm().equals(keyType)) {
      return null;
    }
    String alias = "serving-" + key.get().certificate().getSerialNumber().toString(16);
    chosen.put(alias, key.get());
    return alias;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    ServingKey key = alias == null ? null : chosen.get(alias);
    return key == null ? null : key.chain().toArray(X509Certificate[]::new);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    ServingKey key = alias == null ? null : chosen.get(alias);
    return key == null ? null : key.key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = choose(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
