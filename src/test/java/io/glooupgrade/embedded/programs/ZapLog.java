package io.glooupgrade.embedded.programs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;

/**
 * A Go program's structured log as solo-io's contextutils writes it (zap, JSON, one object a line:
 * level, ts in seconds, logger, msg, then the fields). What a program prints here becomes its pod's
 * log, so it says what the program did, never a key or a certificate.
 */
final class ZapLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final String logger;
  private final Clock clock;

  ZapLog(PrintStream out, String logger, Clock clock) {
    this.out = out;
    this.logger = logger;
    this.clock = clock;
  }

  /** {@code fields} are name, value pairs. */
  void info(String message, Object... fields) {
    write("info", message, fields);
  }

  void warn(String message, Object... fields) {
    write("warn", message, fields);
  }

  void fatal(String message, Object... fields) {
    write("fatal", message, fields);
  }

  /** A line as cobra prints it, outside the structured log (its "Error: ..." and usage). */
  void plain(String text) {
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
  }

  private void write(String level, String message, Object... fields) {
    ObjectNode line = JSON.createObjectNode();
    line.put("level", level);
    Instant now = clock.instant();
    // zap writes seconds as a plain decimal (1796529820.607172), never in scientific notation.
    line.put("ts", BigDecimal.valueOf(now.getEpochSecond()).add(BigDecimal.valueOf(now.getNano(), 9))
        .setScale(6, RoundingMode.DOWN));
    line.put("logger", logger);
    line.put("msg", message);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      Object value = fields[i + 1];
      if (value instanceof Number n) {
        line.put(String.valueOf(fields[i]), n.longValue());
      } else {
        line.put(String.valueOf(fields[i]), String.valueOf(value));
      }
    }
    out.println(line);
    out.flush();
  }
}
