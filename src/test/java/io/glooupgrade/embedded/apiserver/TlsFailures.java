package io.glooupgrade.embedded.apiserver;

import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * A failed TLS handshake with a webhook, in the words Go's crypto/tls would use: the API server's
 * own refusal of the certificate ({@link WebhookCertificateVerification}) as it is; the server's
 * alert as {@code remote error: tls: ...}; a server that does not speak TLS as
 * {@code tls: first record does not look like a TLS handshake}; a connection closed without an
 * answer as EOF.
 */
final class TlsFailures {

  private static final String ALERT = "Received fatal alert: ";

  private TlsFailures() {
  }

  static String goWording(SSLException e) {
    Optional<String> refused = certificateRefusal(e);
    if (refused.isPresent()) {
      return refused.get();
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains(ALERT)) {
      return "remote error: tls: " + message.substring(message.indexOf(ALERT) + ALERT.length()).replace('_', ' ');
    }
    if (message.contains("Unsupported or unrecognized SSL message") || message.contains("Unrecognized SSL message")) {
      return "tls: first record does not look like a TLS handshake";
    }
    if (message.contains("Remote host terminated the handshake")) {
      return "EOF";
    }
    return "tls: " + message;
  }

  /** Any other failed exchange: the certificate refusal if it was one, EOF for a silent close. */
  static String goWording(java.io.IOException e) {
    if (e instanceof SSLException ssl) {
      return goWording(ssl);
    }
    Optional<String> refused = certificateRefusal(e);
    if (refused.isPresent()) {
      return refused.get();
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.contains("received no bytes") || message.contains("EOF reached") ? "EOF" : e.toString();
  }

  /** The API server's refusal of the certificate, wherever the JDK wrapped it. */
  static Optional<String> certificateRefusal(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof WebhookCertificateVerification refusal) {
        return Optional.of(refusal.getMessage());
      }
    }
    return Optional.empty();
  }
}
