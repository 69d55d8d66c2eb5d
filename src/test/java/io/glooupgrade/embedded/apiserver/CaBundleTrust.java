package io.glooupgrade.embedded.apiserver;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How the API server checks a webhook's certificate: it trusts only the CAs of the webhook's
 * {@code clientConfig.caBundle} (none when it is empty), and the certificate must name the host it
 * dialed, {@code SERVICE.NAMESPACE.svc}. The checks run in Go's order (crypto/x509
 * {@code Certificate.Verify}): the certificate's validity period, then the name (SANs only, as Go
 * since 1.15), then the chain to a trusted CA, which the JDK's PKIX trust manager builds.
 */
final class CaBundleTrust extends X509ExtendedTrustManager {

  private final List<X509Certificate> roots;
  private final String serverName;
  private final X509TrustManager chains;

  CaBundleTrust(List<X509Certificate> roots, String serverName) {
    this.roots = List.copyOf(roots);
    this.serverName = serverName;
    this.chains = roots.isEmpty() ? null : pkix(roots);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    verify(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    verify(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    verify(chain, authType);
  }

  private void verify(X509Certificate[] chain, String authType) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new WebhookCertificateVerification("x509: certificate signed by unknown authority");
    }
    X509Certificate leaf = chain[0];
    Instant now = Instant.now();
    if (now.isBefore(leaf.getNotBefore().toInstant())) {
      throw new WebhookCertificateVerification("x509: certificate has expired or is not yet valid: current time "
          + rfc3339(now) + " is before " + rfc3339(leaf.getNotBefore().toInstant()));
    }
    if (now.isAfter(leaf.getNotAfter().toInstant())) {
      throw new WebhookCertificateVerification("x509: certificate has expired or is not yet valid: current time "
          + rfc3339(now) + " is after " + rfc3339(leaf.getNotAfter().toInstant()));
    }
    List<String> names = dnsNames(leaf);
    if (names.stream().noneMatch(this::matches)) {
      throw new WebhookCertificateVerification(names.isEmpty()
          ? "x509: certificate is not valid for any names, but wanted to match " + serverName
          : "x509: certificate is valid for " + String.join(", ", names) + ", not " + serverName);
    }
    if (chains == null) {
      throw new WebhookCertificateVerification("x509: certificate signed by unknown authority");
    }
    try {
      chains.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      throw new WebhookCertificateVerification("x509: certificate signed by unknown authority");
    }
  }

  // Go's matchHostnames: case-insensitive, a trailing dot ignored, a wildcard only as the whole first label.
  private boolean matches(String pattern) {
    String host = serverName.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    String name = pattern.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    if (name.startsWith("*.")) {
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot).equals(name.substring(1));
    }
    return host.equals(name);
  }

  private static List<String> dnsNames(X509Certificate certificate) throws CertificateException {
    try {
      return io.glooupgrade.embedded.pki.ServiceDnsNames.inCertificate(certificate);
    } catch (CertificateParsingException e) {
      throw new WebhookCertificateVerification("x509: malformed certificate");
    }
  }

  private static String rfc3339(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static X509TrustManager pkix(List<X509Certificate> roots) {
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      for (int i = 0; i < roots.size(); i++) {
        anchors.setCertificateEntry("ca-" + i, roots.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(anchors);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK's PKIX TrustManagerFactory made no X509TrustManager");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot hold the caBundle's CAs", e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    throw new CertificateException("the API server does not accept client certificates from webhooks");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    throw new CertificateException("the API server does not accept client certificates from webhooks");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("the API server does not accept client certificates from webhooks");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return roots.toArray(X509Certificate[]::new);
  }
}
