package io.glooupgrade.config;

import java.util.Objects;

/**
 * A Gloo Edge Enterprise licence key. It prints as asterisks, so that no log line, report or
 * record that shows an object holding it can leak it.
 */
public final class LicenceKey {

  private final String value;

  public LicenceKey(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a licence key cannot be empty");
    }
    this.value = value;
  }

  /** The key itself: only for the Helm value {@code license_key}. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LicenceKey k && k.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return "********";
  }
}
