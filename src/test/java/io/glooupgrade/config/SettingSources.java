package io.glooupgrade.config;

import io.glooupgrade.lifecycle.HarnessRun;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where every setting of a run is read, in order: the run's own settings (a self-test's, see
 * HarnessRun#settings), the system property (harness.new.version), the environment variable of
 * the same name in upper case with dots and dashes as underscores (HARNESS_NEW_VERSION), the
 * release profile named by harness.profile. One lookup for all settings, so that a timeout set in a
 * CI job's environment or a profile counts as much as a version does.
 */
public final class SettingSources {

  private SettingSources() {
  }

  /** The configured value of a setting, if any source gives it a non-blank one. */
  public static Optional<String> valueOf(String key) {
    return direct(key).or(() -> Optional.ofNullable(profile().get(key))).map(String::trim)
        .filter(value -> !value.isBlank());
  }

  /** The name of a setting's environment variable: harness.api.retries -> HARNESS_API_RETRIES. */
  public static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Optional<String> direct(String key) {
    return Optional.ofNullable(HarnessRun.current().settings().get(key))
        .or(() -> Optional.ofNullable(System.getProperty(key)))
        .or(() -> Optional.ofNullable(System.getenv(environmentName(key)))).filter(value -> !value.isBlank());
  }

  // Read again at each lookup, not cached: a profile is a few lines, and a test may name another.
  private static Map<String, String> profile() {
    return direct(ReleaseProfile.KEY).map(path -> ReleaseProfile.read(Path.of(path))).orElse(Map.of());
  }
}
