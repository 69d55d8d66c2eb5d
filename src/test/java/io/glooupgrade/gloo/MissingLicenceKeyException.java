package io.glooupgrade.gloo;

/** An Enterprise install asked for without a licence key: refused before anything changes. */
public final class MissingLicenceKeyException extends IllegalStateException {

  public MissingLicenceKeyException(String message) {
    super(message);
  }
}
