package io.glooupgrade.embedded.twin;

import java.nio.charset.StandardCharsets;

/** An answer inside the twin. */
record HttpAnswer(int status, String contentType, byte[] body) {

  static HttpAnswer text(int status, String text) {
    return new HttpAnswer(status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  static HttpAnswer json(int status, String json) {
    return new HttpAnswer(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }
}
