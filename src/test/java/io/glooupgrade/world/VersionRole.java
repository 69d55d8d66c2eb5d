package io.glooupgrade.world;

import io.glooupgrade.config.UpgradeVersions;
import io.glooupgrade.gloo.canary.CanaryNamespace;
import java.util.Locale;

/**
 * The versions the guides name: the current one (installed in gloo-system), $NEW_VERSION and
 * $ROLLBACK_VERSION (each installed, in a canary upgrade, in a namespace of its own). The features
 * say them as the words current, new and rollback ({versionRole}).
 */
public enum VersionRole {
  CURRENT, NEW, ROLLBACK;

  /** The words a feature may use, as the {versionRole} parameter type's pattern. */
  public static final String WORDS = "current|new|rollback";

  public static VersionRole named(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }

  public String version(UpgradeVersions versions) {
    return switch (this) {
      case CURRENT -> versions.current();
      case NEW -> versions.next();
      case ROLLBACK -> versions.rollback();
    };
  }

  /** The namespace the canary guide installs this version into. */
  public String namespace(UpgradeVersions versions) {
    return this == CURRENT ? CanaryNamespace.CURRENT : CanaryNamespace.of(version(versions));
  }
}
