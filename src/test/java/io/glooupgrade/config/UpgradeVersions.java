package io.glooupgrade.config;

/**
 * The versions one edition's procedures work with, named as the guides name them: the version
 * installed now, {@code $NEW_VERSION} and {@code $ROLLBACK_VERSION} (the version to go back to,
 * by default the current one).
 */
public record UpgradeVersions(String current, String next, String rollback) {
}
