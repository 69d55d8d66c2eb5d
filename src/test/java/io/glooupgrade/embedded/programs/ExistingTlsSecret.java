package io.glooupgrade.embedded.programs;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glooupgrade.embedded.pki.Pem;
import io.glooupgrade.embedded.pki.ServiceDnsNames;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * certgen's first step (Go's GetExistingValidTlsSecret): reads the Secret through the API and says
 * whether it holds a certificate still good for the Service. Missing, expired or not yet valid, or
 * valid for none of the Service's names counts as none; a Secret of another type than
 * {@code kubernetes.io/tls}, or a read the API refuses, is an error.
 */
final class ExistingTlsSecret {

  /** A usable Secret, and whether its certificate expires within renew-before. */
  record Found(Secret secret, boolean expiringSoon) {
  }

  private final KubernetesClient client;
  private final ZapLog log;

  ExistingTlsSecret(KubernetesClient client, ZapLog log) {
    this.client = client;
    this.log = log;
  }

  Optional<Found> find(CertgenOptions options, Duration renewBefore, Instant now) throws CertgenFailure {
    String name = options.secretName();
    String namespace = options.secretNamespace();
    log.info("looking for existing valid tls secret", "secretName", name, "secretNamespace", namespace);
    Secret existing;
    try {
      existing = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw CertgenFailure.wrap("failed to retrieve existing secret", ApiErrors.message(e));
    }
    if (existing == null) {
      log.warn("failed to retrieve existing secret", "secretName", name, "secretNamespace", namespace);
      return Optional.empty();
    }
    if (!TlsSecret.TYPE.equals(existing.getType())) {
      throw new CertgenFailure("unexpected secret type, expected " + TlsSecret.TYPE + " and got "
          + (existing.getType() == null ? "" : existing.getType()));
    }
    List<X509Certificate> certificates;
    try {
      certificates = Pem.certificateChain(TlsSecret.data(existing, options.certKey()));
    } catch (CertificateException e) {
      throw CertgenFailure.wrap("failed to decode cert chain", e.getMessage());
    }
    log.info("found " + certificates.size() + " certs");
    boolean matchesService = false;
    for (X509Certificate certificate : certificates) {
      Instant notBefore = certificate.getNotBefore().toInstant();
      Instant notAfter = certificate.getNotAfter().toInstant();
      // An expired or not yet valid certificate already breaks requests: do not keep it while rotating.
      if (now.isBefore(notBefore) || now.isAfter(notAfter)) {
        log.info("cert is expired or not yet valid");
        return Optional.empty();
      }
      boolean forService = ServiceDnsNames.anyMatches(dnsNames(certificate), options.svcName(), options.svcNamespace());
      if (forService && now.isAfter(notAfter.minus(renewBefore))) {
        log.info("cert is valid but expiring soon");
        return Optional.of(new Found(existing, true));
      }
      matchesService |= forService;
    }
    if (!matchesService) {
      log.info("cert is not valid for given service", "svcName", options.svcName(), "svcNamespace",
          options.svcNamespace());
      return Optional.empty();
    }
    log.info("existing cert is valid!");
    return Optional.of(new Found(existing, false));
  }

  private static List<String> dnsNames(X509Certificate certificate) {
    try {
      return io.glooupgrade.embedded.pki.ServiceDnsNames.inCertificate(certificate);
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
