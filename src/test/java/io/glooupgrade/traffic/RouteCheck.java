package io.glooupgrade.traffic;

import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.kube.WaitTimeout;
import io.glooupgrade.kube.Waits;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.net.URI;

/**
 * A route test through the gateway, as the guides' {@code curl $(glooctl proxy url)/all-pets}:
 * waits (bounded) until the route answers as expected, and attaches the last HTTP exchange.
 */
public final class RouteCheck {

  /** One request and its answer, for the evidence and the verdict. */
  public record Exchange(String request, int status, String body) {

    String describe() {
      return request + "\n\n-> HTTP " + status + "\n" + body;
    }
  }

  private static final RestAssuredConfig BOUNDED = RestAssuredConfig.config().httpClient(HttpClientConfig
      .httpClientConfig().setParam("http.connection.timeout", 3000).setParam("http.socket.timeout", 5000));

  private RouteCheck() {
  }

  /** GETs {@code path} until it answers 200 with a body containing {@code expected}, or the route timeout ends. */
  public static Exchange awaitServing(URI gateway, String path, String expected) {
    Evidence.documentedCommand("curl " + gateway.resolve(path));
    Exchange last = Waits.until(path + " to answer 200 with " + expected + " through " + gateway, WaitTimeout.ROUTE,
        () -> get(gateway, path), e -> e.status() == 200 && e.body().contains(expected), Exchange::describe);
    Evidence.text("HTTP exchange " + path, last.describe());
    return last;
  }

  /**
   * GETs {@code path} until the gateway answers 404 (no route matches), or the route timeout
   * ends: a route removed from the configuration is gone once the proxy says so.
   */
  public static Exchange awaitNotRouted(URI gateway, String path) {
    Evidence.documentedCommand("curl " + gateway.resolve(path));
    Exchange last = Waits.until(path + " to answer 404 (no route) through " + gateway, WaitTimeout.ROUTE,
        () -> get(gateway, path), e -> e.status() == 404, Exchange::describe);
    Evidence.text("HTTP exchange " + path, last.describe());
    return last;
  }

  static Exchange get(URI gateway, String path) {
    String request = "GET " + gateway.resolve(path);
    try {
      Response response = RestAssured.given().config(BOUNDED).baseUri(gateway.toString()).get(path);
      return new Exchange(request, response.statusCode(), response.asString());
    } catch (RuntimeException e) {
      return new Exchange(request, 0, "no answer: " + e);
    }
  }
}
