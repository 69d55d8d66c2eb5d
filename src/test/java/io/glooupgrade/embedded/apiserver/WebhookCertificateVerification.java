package io.glooupgrade.embedded.apiserver;

import java.security.cert.CertificateException;

/**
 * The API server's refusal of a webhook's certificate, worded as Go's crypto/tls and crypto/x509
 * word it ({@code tls: failed to verify certificate: x509: certificate signed by unknown authority}),
 * so that a failed call reads as on a real cluster.
 */
final class WebhookCertificateVerification extends CertificateException {

  WebhookCertificateVerification(String x509Error) {
    super("tls: failed to verify certificate: " + x509Error);
  }
}
