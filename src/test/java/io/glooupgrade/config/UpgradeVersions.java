package io.glooupgrade.config;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The versions one edition's procedures work with, named as the guides name them: the version
 * installed now, {@code $NEW_VERSION} and {@code $ROLLBACK_VERSION} (the version to go back to,
 * by default the current one).
 *
 * <p>Some are found when a scenario starts, so that a release profile or a nightly job need not be
 * edited at each release: the current version may be {@value #INSTALLED} (the version of the
 * release installed on the cluster) or {@value #PREVIOUS_MINOR} (the latest patch of the minor
 * before the new version's), and the new version {@value #LATEST} (the newest release the
 * edition's chart repository offers).
 */
public record UpgradeVersions(String current, String next, String rollback) {

  /** The current version setting that means "the version of the release installed". */
  public static final String INSTALLED = "installed";
  /** The current version setting that means "the latest patch of the minor before the new version's". */
  public static final String PREVIOUS_MINOR = "previous-minor";
  /** The new version setting that means "the newest release the repository offers". */
  public static final String LATEST = "latest";

  /** Whether the current version is to be read from the installed release. */
  public boolean currentIsInstalled() {
    return INSTALLED.equals(current);
  }

  /** Whether a version is to be found on the cluster or in the repository when a scenario starts. */
  public boolean needsResolving() {
    return currentIsInstalled() || PREVIOUS_MINOR.equals(current) || LATEST.equals(next);
  }

  /**
   * The versions with every word replaced by a version: {@code installed} by the installed
   * release's, {@code latest} by {@code newest}, {@code previous-minor} by the latest patch of the
   * minor before the new version's; a rollback version that defaulted to the current one follows it.
   */
  public UpgradeVersions resolved(Supplier<String> installed, Supplier<Optional<String>> newest,
      Function<String, Optional<String>> latestOfPreviousMinor) {
    String to = LATEST.equals(next) ? newest.get().orElseThrow(() -> new IllegalStateException(
        "the new version is 'latest', but the repository offers no release")) : next;
    String from = switch (current) {
      case INSTALLED -> installed.get();
      case PREVIOUS_MINOR -> latestOfPreviousMinor.apply(to).orElseThrow(() -> new IllegalStateException(
          "the current version is '" + PREVIOUS_MINOR + "', but the repository offers no release of the minor before "
              + to));
      default -> current;
    };
    return new UpgradeVersions(from, to, rollback.equals(current) ? from : rollback);
  }
}
