package io.glooupgrade.embedded.programs;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * How certgen writes its Secret through the API (Go's CreateTlsSecret and RotateCerts): a create
 * that falls back to Get then Update when it already exists; and a rotation in three updates, with
 * a settling pause after each of the first two, so that every client trusts the new CA before the
 * server presents the new certificate, and the old CA is dropped last.
 */
final class TlsSecretWriter {

  private final KubernetesClient client;
  private final ZapLog log;
  private final GracePeriod grace;

  TlsSecretWriter(KubernetesClient client, ZapLog log, GracePeriod grace) {
    this.client = client;
    this.log = log;
    this.grace = grace;
  }

  Secret create(TlsSecret secret) throws CertgenFailure {
    var secrets = client.secrets().inNamespace(secret.namespace());
    log.info("creating TLS secret", "secret", secret.name());
    try {
      return secrets.resource(secret.toSecret(null)).create();
    } catch (KubernetesClientException e) {
      if (!ApiErrors.alreadyExists(e)) {
        throw CertgenFailure.wrap("failed creating secret", ApiErrors.message(e));
      }
    }
    log.info("existing TLS secret found, attempting to update", "secretName", secret.name(), "secretNamespace",
        secret.namespace());
    Secret existing;
    try {
      existing = secrets.withName(secret.name()).get();
    } catch (KubernetesClientException e) {
      throw CertgenFailure.wrap("failed to retrieve existing secret after receiving AlreadyExists error on Create",
          ApiErrors.message(e));
    }
    if (existing == null) {
      throw CertgenFailure.wrap("failed to retrieve existing secret after receiving AlreadyExists error on Create",
          ApiErrors.notFound("secrets", secret.name()));
    }
    try {
      return secrets.resource(secret.toSecret(existing.getMetadata().getResourceVersion())).update();
    } catch (KubernetesClientException e) {
      throw CertgenFailure.wrap("failed updating existing secret", ApiErrors.message(e));
    }
  }

  /**
   * Rotates {@code current} (as stored at {@code resourceVersion}) to the new CA and certificate.
   * Each update carries the resourceVersion of the one before: Go sends none (an unconditional
   * update); no one else writes this Secret meanwhile, so the outcome is the same.
   */
  Secret rotate(TlsSecret current, String resourceVersion, byte[] nextCa, byte[] nextCertificate, byte[] nextKey)
      throws CertgenFailure {
    log.info("rotating secret", "secretName", current.name(), "secretNamespace", current.namespace());
    byte[] both = new byte[current.caBundle().length + nextCa.length];
    System.arraycopy(current.caBundle(), 0, both, 0, current.caBundle().length);
    System.arraycopy(nextCa, 0, both, current.caBundle().length, nextCa.length);

    TlsSecret step = current.withCaBundle(both);
    log.info("updating to both ca bundles");
    Secret written = update(step, resourceVersion, "Failed updating to both ca bundles");
    log.info("waiting for ca bundle changes to be picked up");
    grace.await("ca bundles update");

    step = step.withServing(nextCertificate, nextKey);
    log.info("updating to new server cert");
    written = update(step, written.getMetadata().getResourceVersion(), "Failed updating to new server cert");
    log.info("waiting for server cert changes to be picked up");
    grace.await("cert update");

    step = step.withCaBundle(nextCa);
    log.info("updating to new ca bundle");
    written = update(step, written.getMetadata().getResourceVersion(), "Failed updating to new ca bundle");
    log.info("secret has been updated");
    return written;
  }

  private Secret update(TlsSecret secret, String resourceVersion, String failure) throws CertgenFailure {
    try {
      return client.secrets().inNamespace(secret.namespace()).resource(secret.toSecret(resourceVersion)).update();
    } catch (KubernetesClientException e) {
      throw CertgenFailure.wrap(failure, ApiErrors.message(e));
    }
  }

  /** The pause after an update, for every pod to pick the change up. */
  interface GracePeriod {

    void await(String waitingFor) throws CertgenFailure;

    static GracePeriod of(Duration rotationDuration, Duration tick, ZapLog log) {
      return waitingFor -> {
        long end = System.nanoTime() + rotationDuration.toNanos();
        log.info("Starting a grace period for all pods to settle: " + Math.max(0, rotationDuration.toSeconds())
            + " seconds remaining", "waitingFor", waitingFor);
        // As Go's ticker: the wait ends at the first tick after the rotation duration, so never before one tick.
        try {
          do {
            Thread.sleep(Math.max(1, tick.toMillis()));
          } while (System.nanoTime() < end);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          log.info("context cancelled, next rotation will not break trust, consider rotating an extra time",
              "waitingFor", waitingFor);
          throw new CertgenFailure("interrupted while waiting for pods to settle");
        }
        log.info("finished waiting for pods to settle", "waitingFor", waitingFor);
      };
    }
  }
}
