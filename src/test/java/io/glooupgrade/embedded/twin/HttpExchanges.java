package io.glooupgrade.embedded.twin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Turns a JDK HTTP exchange into an {@link HttpCall} and writes the {@link HttpAnswer} back. */
final class HttpExchanges {

  private HttpExchanges() {
  }

  static void serve(HttpExchange exchange, Function<HttpCall, HttpAnswer> handler) throws IOException {
    try (exchange) {
      HttpAnswer answer;
      try {
        answer = handler.apply(callOf(exchange));
      } catch (RuntimeException e) {
        answer = HttpAnswer.text(500, "embedded twin error: " + e);
      }
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      byte[] body = answer.body();
      exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private static HttpCall callOf(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
    byte[] body = exchange.getRequestBody().readAllBytes();
    String host = headers.getOrDefault("host", "");
    return new HttpCall(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), host, headers, body);
  }
}
