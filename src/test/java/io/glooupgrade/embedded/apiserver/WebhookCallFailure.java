package io.glooupgrade.embedded.apiserver;

/**
 * A webhook that could not be asked or whose answer is unusable; the message is the real API
 * server's reason ({@code failed to call webhook: ...}, {@code received invalid webhook response: ...}).
 * The webhook's failurePolicy then decides: Ignore skips it, Fail refuses the write.
 */
final class WebhookCallFailure extends Exception {

  WebhookCallFailure(String reason) {
    super(reason);
  }
}
