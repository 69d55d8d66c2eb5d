package io.glooupgrade.embedded.programs;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}: a sign, then numbers with optional fractions, each with a unit
 * (ns, us, µs, ms, s, m, h), such as {@code 2160h}, {@code 1h30m} or {@code 0s}; with Go's error
 * wording, since a bad flag value ends the program with it.
 */
final class GoDuration {

  private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L,
      "μs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private GoDuration() {
  }

  static Duration parse(String text) throws IllegalArgumentException {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    while (!s.isEmpty()) {
      int i = 0;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(0, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(text);
      }
      s = s.substring(i);
      int j = 0;
      while (j < s.length() && !Character.isDigit(s.charAt(j)) && s.charAt(j) != '.') {
        j++;
      }
      if (j == 0) {
        throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
      }
      String unit = s.substring(0, j);
      s = s.substring(j);
      Long perUnit = NANOS_PER_UNIT.get(unit);
      if (perUnit == null) {
        throw new IllegalArgumentException("time: unknown unit " + quote(unit) + " in duration " + quote(text));
      }
      nanos = nanos.add(new BigDecimal(number.endsWith(".") ? number + "0" : number).multiply(BigDecimal.valueOf(perUnit)));
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw invalid(text);
    }
    Duration duration = Duration.ofNanos(nanos.longValue());
    return negative ? duration.negated() : duration;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration " + quote(text));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
