package io.glooupgrade.embedded.controllers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An output stream that hands each line written to it to a container's log. */
final class LogStream extends java.io.OutputStream {

  private final Consumer<String> log;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  LogStream(Consumer<String> log) {
    this.log = log;
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n') {
      flush();
    }
  }

  @Override
  public synchronized void flush() {
    if (line.size() > 0) {
      log.accept(line.toString(StandardCharsets.UTF_8));
      line.reset();
    }
  }

  @Override
  public void close() {
    flush();
  }
}
