package io.glooupgrade.steps;

import io.glooupgrade.config.UpgradeVersions;
import io.glooupgrade.gloo.canary.CanaryNamespace;
import java.util.Locale;

/**
 * The versions the canary guide names: the current one (installed in gloo-system), $NEW_VERSION
 * and $ROLLBACK_VERSION (each installed in a namespace of its own).
 */
enum VersionRole {
  CURRENT, NEW, ROLLBACK;

  static VersionRole named(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }

  String version(UpgradeVersions versions) {
    return switch (this) {
      case CURRENT -> versions.current();
      case NEW -> versions.next();
      case ROLLBACK -> versions.rollback();
    };
  }

  String namespace(UpgradeVersions versions) {
    return this == CURRENT ? CanaryNamespace.CURRENT : CanaryNamespace.of(version(versions));
  }
}
