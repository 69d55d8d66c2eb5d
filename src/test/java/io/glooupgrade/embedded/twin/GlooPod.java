package io.glooupgrade.embedded.twin;

import java.util.Optional;

/**
 * What the gloo image runs: the control plane, and the validating admission webhook it serves on
 * {@link ValidationWebhook#PORT} (the {@code gloo} Service's port 443). A crash-looping gloo serves
 * nothing.
 */
final class GlooPod implements Workload {

  private final Workload controlPlane;
  private final ValidationWebhook validation;

  GlooPod(Workload controlPlane, ValidationWebhook validation) {
    this.controlPlane = controlPlane;
    this.validation = validation;
  }

  @Override
  public boolean ready() {
    return controlPlane.ready();
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
    return port == ValidationWebhook.PORT ? Optional.of(validation.answer(call)) : controlPlane.handle(port, call);
  }

  @Override
  public void close() {
    controlPlane.close();
  }
}
