package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Canary for DESIGN.md, "The embedded cluster", behaviour 10 (watches for Go clients), as this
 * harness serves it: fabric8's mock streams watches over WebSocket only, so a Go client's watch
 * (Helm waiting for its hook Jobs) is answered with what changed since its resourceVersion and then
 * ends, and the client watches again.
 * <ul>
 *   <li>{@link #aGoWatchGetsTheChangesSinceItsVersionAtOnce()}: objects newer than the watch's
 *       version come back at once as MODIFIED events, filtered by the watch's selectors.</li>
 *   <li>{@link #aGoWatchWithNothingNewEndsEmptyAfterASecond()}: nothing new, and the empty stream
 *       ends after a second (client-go backs off after a shorter empty watch).</li>
 *   <li>{@link #watchListsAreRefused()}: {@code sendInitialEvents=true} is refused with 405, so
 *       clients fall back to list, then watch.</li>
 *   <li>{@link #fabric8InformersStillWatchOverWebSocket()}: the way the harness waits, a fabric8
 *       informer (list, then a WebSocket watch), sees objects added and deleted.</li>
 * </ul>
 */
class WatchCanaryTest extends EmbeddedApiCanary {

  @Test
  void aGoWatchGetsTheChangesSinceItsVersionAtOnce() {
    ApiClients.Reply first = clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON, Manifests.secret("first"));
    assertEquals(201, first.code());
    long before = Long.parseLong(first.json().path("metadata").path("resourceVersion").asText());
    assertEquals(201, clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON, Manifests.secret("second")).code());
    assertEquals(201, clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON, Manifests.secret("third")).code());

    ApiClients.Reply watch = clients.get(Manifests.SECRETS + "?allowWatchBookmarks=true&fieldSelector="
        + "metadata.name%3Dsecond&resourceVersion=" + before + "&timeoutSeconds=300&watch=true");

    assertEquals(200, watch.code(), watch.text());
    assertEquals(ApiClients.JSON, watch.contentType());
    String[] events = watch.text().strip().split("\n");
    assertEquals(1, events.length, watch.text());
    assertTrue(events[0].startsWith("{\"type\":\"MODIFIED\",\"object\":"), events[0]);
    assertTrue(events[0].contains("\"name\":\"second\""), events[0]);
  }

  @Test
  void aGoWatchWithNothingNewEndsEmptyAfterASecond() {
    ApiClients.Reply created = clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON, Manifests.secret("only"));
    String version = created.json().path("metadata").path("resourceVersion").asText();
    long start = System.nanoTime();

    ApiClients.Reply watch = clients.get(Manifests.SECRETS + "?resourceVersion=" + version + "&watch=true");

    assertEquals(200, watch.code(), watch.text());
    assertEquals("", watch.text().strip(), "no event");
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(950)) >= 0,
        "an empty watch must last a second, or client-go backs off");
  }

  @Test
  void watchListsAreRefused() {
    ApiClients.Reply refused = clients.get(Manifests.SECRETS + "?allowWatchBookmarks=true&resourceVersionMatch="
        + "NotOlderThan&sendInitialEvents=true&timeoutSeconds=359&watch=true");
    assertEquals(405, refused.code(), refused.text());
    assertEquals("MethodNotAllowed", refused.json().path("reason").asText());
  }

  @Test
  void fabric8InformersStillWatchOverWebSocket() throws Exception {
    assertEquals(201, clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON,
        Manifests.secret("before")).code());
    Map<String, CompletableFuture<Secret>> added = new ConcurrentHashMap<>();
    CompletableFuture<Secret> deleted = new CompletableFuture<>();
    try (KubernetesClient fabric8 = clients.fabric8();
        SharedIndexInformer<Secret> informer = fabric8.secrets().inNamespace(Manifests.NAMESPACE)
            .inform(new ResourceEventHandler<>() {
              @Override
              public void onAdd(Secret secret) {
                added.computeIfAbsent(secret.getMetadata().getName(), n -> new CompletableFuture<>()).complete(secret);
              }

              @Override
              public void onUpdate(Secret oldSecret, Secret newSecret) {
              }

              @Override
              public void onDelete(Secret secret, boolean finalStateUnknown) {
                deleted.complete(secret);
              }
            })) {
      // inform() returns once the initial list is synced; the WebSocket watch carries what follows.
      assertEquals("before", future(added, "before").get(10, TimeUnit.SECONDS).getMetadata().getName());
      assertEquals(201, clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON,
          Manifests.secret("after")).code());
      assertEquals("after", future(added, "after").get(10, TimeUnit.SECONDS).getMetadata().getName());
      assertEquals(200, clients.send("DELETE", Manifests.SECRETS + "/after", ApiClients.JSON, null, null).code());
      assertEquals("after", deleted.get(10, TimeUnit.SECONDS).getMetadata().getName());
    }
  }

  private static CompletableFuture<Secret> future(Map<String, CompletableFuture<Secret>> added, String name) {
    return added.computeIfAbsent(name, n -> new CompletableFuture<>());
  }
}
