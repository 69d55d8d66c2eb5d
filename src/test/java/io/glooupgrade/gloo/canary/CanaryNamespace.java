package io.glooupgrade.gloo.canary;

import java.util.Locale;

/**
 * The namespace the canary guide installs a version into, {@code gloo-system-$NEW_VERSION} (and
 * {@code gloo-system-$ROLLBACK_VERSION} for a rollback). A namespace name must be an RFC 1123
 * label (lower-case letters, digits and '-'), so a real API server refuses {@code
 * gloo-system-1.19.20}: the version's dots become dashes ({@code gloo-system-1-19-20}), which is
 * what a user of the guide ends up typing too.
 */
public final class CanaryNamespace {

  /** The namespace of the installation the guide upgrades from. */
  public static final String CURRENT = "gloo-system";

  private CanaryNamespace() {
  }

  public static String of(String version) {
    return CURRENT + "-" + version.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
  }
}
