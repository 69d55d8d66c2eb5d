package io.glooupgrade.embedded.twin;

import java.util.Optional;

/**
 * The docs' sample upstream, image {@code soloio/petstore-example}: {@code GET /api/pets} on port
 * 8080 returns the two pets of the guides.
 */
final class Petstore implements Workload {

  static final String PETS =
      "[{\"id\":1,\"name\":\"Dog\",\"status\":\"available\"},{\"id\":2,\"name\":\"Cat\",\"status\":\"pending\"}]";
  static final int PORT = 8080;

  @Override
  public boolean listens(int port) {
    return port == PORT;
  }

  @Override
  public Optional<HttpAnswer> handle(int port, HttpCall call) {
    if (port != PORT) {
      return Optional.empty();
    }
    if (call.method().equals("GET") && (call.path().equals("/api/pets") || call.path().equals("/api/pets/"))) {
      return Optional.of(HttpAnswer.json(200, PETS + "\n"));
    }
    return Optional.of(HttpAnswer.text(404, "404 page not found\n"));
  }

  @Override
  public void close() {
  }
}
