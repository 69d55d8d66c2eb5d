package io.glooupgrade.evidence.compliance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a compliance record must never contain, and its masking: the secret values the run
 * handled (the licence key the target issued or LICENSE_KEY), bearer tokens and JWTs (service
 * account tokens) in any text the record quotes, such as a failure message.
 */
public final class Secrets {

  public static final String MASK = "********";
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9\\-._~+/]+=*");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+");
  private static final Pattern SECRET_FIELD = Pattern.compile(
      "(?i)((?:license|licence)[_-]?key|token|password)(\"?\\s*[:=]\\s*\"?)[^\\s\",}]+");

  private final List<String> values;

  private Secrets(List<String> values) {
    this.values = values;
  }

  /** These values, and LICENSE_KEY from the environment when it is set. */
  public static Secrets of(Collection<String> known) {
    List<String> values = new ArrayList<>(known);
    Optional.ofNullable(System.getenv("LICENSE_KEY")).ifPresent(values::add);
    // The longest first, so that a secret containing another is masked whole.
    return new Secrets(values.stream().filter(v -> v != null && !v.isBlank()).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList());
  }

  /** Text the record writes itself (names, messages): known values, tokens and secret fields masked. */
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String value : values) {
      masked = masked.replace(value, MASK);
    }
    masked = BEARER.matcher(masked).replaceAll("$1" + MASK);
    masked = JWT.matcher(masked).replaceAll(MASK);
    return SECRET_FIELD.matcher(masked).replaceAll("$1$2" + MASK);
  }

  /** A copied evidence file: the known values masked byte for byte, anything else left as it was. */
  public byte[] mask(byte[] content) {
    byte[] masked = content;
    for (String value : values) {
      masked = replace(masked, value.getBytes(StandardCharsets.UTF_8), MASK.getBytes(StandardCharsets.UTF_8));
    }
    return masked;
  }

  /** The known secret values found in a text (never printed: callers say how many). */
  public long foundIn(String text) {
    return values.stream().filter(text::contains).count();
  }

  private static byte[] replace(byte[] content, byte[] target, byte[] replacement) {
    int at = indexOf(content, target, 0);
    if (at < 0) {
      return content;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(content.length);
    int from = 0;
    while (at >= 0) {
      out.write(content, from, at - from);
      out.writeBytes(replacement);
      from = at + target.length;
      at = indexOf(content, target, from);
    }
    out.write(content, from, content.length - from);
    return out.toByteArray();
  }

  private static int indexOf(byte[] content, byte[] target, int from) {
    outer:
    for (int i = from; i <= content.length - target.length; i++) {
      for (int j = 0; j < target.length; j++) {
        if (content[i + j] != target[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public String toString() {
    return "Secrets(" + values.size() + " values, never printed)";
  }
}
