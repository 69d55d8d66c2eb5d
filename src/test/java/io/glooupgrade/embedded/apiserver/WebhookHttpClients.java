package io.glooupgrade.embedded.apiserver;

import io.glooupgrade.embedded.pki.Pem;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The HTTPS clients the API server calls webhooks with, one per {@code caBundle} and server name,
 * as the real API server caches a REST client per webhook client config: a new caBundle (certgen
 * rotated the CA) means a new client, so new connections and new handshakes. Each trusts only its
 * caBundle's CAs ({@link CaBundleTrust}) and sends the server name as SNI, although it dials a
 * loopback address. HTTP/1.1, connect timeout 2 s, no redirects.
 */
final class WebhookHttpClients {

  private static final int CACHED = 32;

  private final Map<String, HttpClient> clients = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, HttpClient> eldest) {
      return size() > CACHED;
    }
  });

  /** The client that trusts {@code caBundle} (base64 of PEM, as stored) for {@code serverName}. */
  HttpClient forWebhook(String caBundle, String serverName) throws WebhookCallFailure {
    String key = serverName + "\n" + caBundle;
    HttpClient cached = clients.get(key);
    if (cached != null) {
      return cached;
    }
    HttpClient client = build(roots(caBundle), serverName);
    clients.put(key, client);
    return client;
  }

  // As client-go's rest.TLSConfigFor: an empty caBundle trusts the system's roots, none of which signed
  // a certgen CA; a caBundle without a certificate is refused before any call.
  private static List<X509Certificate> roots(String caBundle) throws WebhookCallFailure {
    if (caBundle.isEmpty()) {
      return List.of();
    }
    byte[] pem;
    try {
      pem = Base64.getDecoder().decode(caBundle.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      // A real API server refuses such a configuration when it is written ([]byte must be base64).
      throw new WebhookCallFailure("could not get REST client: caBundle is not base64: " + e.getMessage());
    }
    List<X509Certificate> roots = Pem.certificates(pem);
    if (roots.isEmpty()) {
      throw new WebhookCallFailure("could not get REST client: unable to load root certificates: "
          + "unable to parse bytes as PEM block");
    }
    return roots;
  }

  private static HttpClient build(List<X509Certificate> roots, String serverName) {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new CaBundleTrust(roots, serverName)}, null);
      SSLParameters parameters = tls.getDefaultSSLParameters();
      // The JDK client sends SNI only for a host name in the URI; it dials an IP, so name it here.
      try {
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
      } catch (IllegalArgumentException e) {
        // not a host name: no SNI, and the name check then fails
      }
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .sslContext(tls)
          .sslParameters(parameters)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a TLS client", e);
    }
  }
}
