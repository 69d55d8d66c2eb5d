package io.glooupgrade.config;

import java.util.Optional;
import java.util.function.Function;

/** A setting that is a whole number within bounds (a timeout in seconds, a retry count). */
public record WholeNumberSetting(String key, long min, long max, long fallback) {

  /** What is wrong with the value the source gives, if anything (unset is fine: the default applies). */
  public Optional<String> problemIn(Function<String, String> source) {
    String value = source.apply(key);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      long number = Long.parseLong(value.trim());
      return number < min || number > max
          ? Optional.of(key + " is " + number + "; expected " + min + " to " + max)
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.of(key + " '" + value.trim() + "' is not a whole number");
    }
  }

  /** The configured value ({@link SettingSources}), else the default; checked with the other settings at start. */
  public long value() {
    Optional<String> configured = SettingSources.valueOf(key);
    problemIn(k -> configured.orElse(null)).ifPresent(problem -> {
      throw new InvalidSettingsException(java.util.List.of(problem));
    });
    return configured.map(Long::parseLong).orElse(fallback);
  }
}
