package io.glooupgrade.evidence;

import java.util.regex.Pattern;

/**
 * Helm values YAML as evidence may show it: the value of every key that names a licence, token,
 * password or secret is replaced by asterisks ({@code helm get values} of an Enterprise release
 * holds {@code license_key}).
 */
public final class MaskedValues {

  private static final Pattern SECRET_KEY = Pattern.compile(
      "(?im)^(\\s*-?\\s*[\\w.\\-\"']*(?:license|licence|token|password|secret)[\\w.\\-\"']*\\s*:[ \\t]*)(?![|>]?\\s*$)\\S.*$");

  private MaskedValues() {
  }

  public static String of(String yaml) {
    return yaml == null ? null : SECRET_KEY.matcher(yaml).replaceAll("$1********");
  }
}
