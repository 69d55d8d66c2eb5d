package io.glooupgrade.config;

/**
 * The versions one edition's procedures work with, named as the guides name them: the version
 * installed now, {@code $NEW_VERSION} and {@code $ROLLBACK_VERSION} (the version to go back to,
 * by default the current one).
 *
 * <p>The current version may be {@value #INSTALLED}: the version of the release installed on the
 * cluster, found when a scenario starts.
 */
public record UpgradeVersions(String current, String next, String rollback) {

  /** The current version setting that means "the version of the release installed". */
  public static final String INSTALLED = "installed";

  /** Whether the current version is to be read from the installed release. */
  public boolean currentIsInstalled() {
    return INSTALLED.equals(current);
  }

  /** The versions with the installed release's version as the current one (and the default rollback). */
  public UpgradeVersions withInstalled(String installedVersion) {
    return new UpgradeVersions(installedVersion, next, INSTALLED.equals(rollback) ? installedVersion : rollback);
  }
}
