package io.glooupgrade.embedded.apiserver;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The one HTTP client the embedded API uses to reach pods on loopback (the pod proxy): its selector
 * thread is shared, not started per cluster. HTTP/1.1, a short connect timeout, no redirects.
 * Webhooks are called over HTTPS, by {@link WebhookHttpClients}.
 */
final class LoopbackHttpClient {

  static final HttpClient SHARED = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  private LoopbackHttpClient() {
  }
}
