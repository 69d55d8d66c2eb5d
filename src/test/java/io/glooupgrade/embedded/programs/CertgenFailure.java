package io.glooupgrade.embedded.programs;

/**
 * Why certgen stops: the error chain as Go's eris prints it, each wrapping message before its
 * cause ({@code failed creating secret: failed updating existing secret: ...}).
 */
final class CertgenFailure extends Exception {

  CertgenFailure(String message) {
    super(message);
  }

  static CertgenFailure wrap(String message, CertgenFailure cause) {
    return new CertgenFailure(message + ": " + cause.getMessage());
  }

  static CertgenFailure wrap(String message, String cause) {
    return new CertgenFailure(message + ": " + cause);
  }
}
