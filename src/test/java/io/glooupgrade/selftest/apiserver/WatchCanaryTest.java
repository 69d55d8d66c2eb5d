package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Canary for DESIGN.md, "The embedded cluster", behaviour 10 (watches for Go clients are not served).
 * <ul>
 *   <li>{@link #goClientWatchesAreRefused()} guards 10: a plain chunked-HTTP watch, as client-go (and so
 *       Helm's {@code --wait}) sends it, is answered at once with 405 MethodNotAllowed, never held open
 *       or answered with a guess.</li>
 *   <li>{@link #fabric8InformersStillWatchOverWebSocket()} guards 10: the way the harness waits instead,
 *       a fabric8 informer (list, then a WebSocket watch), sees objects added and deleted.</li>
 * </ul>
 */
class WatchCanaryTest extends EmbeddedApiCanary {


  @Test
  void goClientWatchesAreRefused() {
    assertEquals(201, clients.sendJson("POST", Manifests.SECRETS, ApiClients.JSON, Manifests.secret("gloo")).code());
    for (String watch : new String[] {
        Manifests.SECRETS + "?allowWatchBookmarks=true&resourceVersion=1&timeoutSeconds=300&watch=true",
        Manifests.SECRETS + "?fieldSelector=metadata.name%3Dgloo&watch=true",
        Manifests.DEPLOYMENTS + "?labelSelector=gloo%3Dgloo&watch=1"}) {
      ApiClients.Reply refused = clients.get(watch);
      assertEquals(405, refused.code(), watch + ": " + refused.text());
      assertEquals("MethodNotAllowed", refused.json().path("reason").asText(), watch);
      assertEquals(ApiClients.JSON, refused.contentType(), watch);
    }
    assertEquals(200, clients.get(Manifests.SECRETS + "/gloo").code(), "plain reads are still served");
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
