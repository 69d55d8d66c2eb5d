package io.glooupgrade.embedded.twin;

import io.glooupgrade.embedded.pki.ServingKey;
import java.util.Optional;

/**
 * What the gloo image runs: the control plane, and the validating admission webhook it serves over
 * HTTPS on {@link ValidationWebhook#PORT} (the {@code gloo} Service's port 443) with the certificate
 * of the Secret its pod mounts ({@link MountedTlsSecret}). Without that Secret it serves no webhook.
 * A crash-looping gloo serves nothing.
 */
final class GlooPod implements Workload {

  private final Workload controlPlane;
  private final ValidationWebhook validation;
  private final MountedTlsSecret validationCertificate;

  GlooPod(Workload controlPlane, ValidationWebhook validation, MountedTlsSecret validationCertificate) {
    this.controlPlane = controlPlane;
    this.validation = validation;
    this.validationCertificate = validationCertificate;
  }

  @Override
  public boolean listens(int port) {
    if (crashReason().isPresent()) {
      return false;
    }
    return port == ValidationWebhook.PORT ? validationCertificate.current().isPresent() : controlPlane.listens(port);
  }

  @Override
  public Optional<String> crashReason() {
    return controlPlane.crashReason();
  }

  @Override
  public Optional<HttpAnswer> handle(int port, HttpCall call) {
    if (crashReason().isPresent()) {
      return Optional.empty();
    }
    if (port != ValidationWebhook.PORT) {
      return controlPlane.handle(port, call);
    }
    return validationCertificate.current().isPresent() ? Optional.of(validation.answer(call)) : Optional.empty();
  }

  @Override
  public Optional<ServingKey> tlsCertificate(int port) {
    if (port != ValidationWebhook.PORT || crashReason().isPresent()) {
      return Optional.empty();
    }
    return validationCertificate.current();
  }

  @Override
  public void close() {
    validationCertificate.close();
    controlPlane.close();
  }
}
