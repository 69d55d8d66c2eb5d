package io.glooupgrade.selftest.faults;

import io.glooupgrade.gloo.Edition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault "the old version's webhook rejects new fields" (GLOO_FACTS.md, "What breaks in real
 * upgrades"): Gloo 1.19.20 does not know {@code options.retries.rateLimitedRetryBackOff} (1.20.0).
 * While its own CRDs are installed the API server prunes the field before any webhook sees it; once
 * the 1.20.22 CRDs are applied (the first step of an upgrade) the field is kept, and the running
 * 1.19.20 gloo's validation webhook ({@code gloo.gloo-system.svc}) refuses the write with the fault
 * on, or only warns without it. Seen through the Kubernetes API only.
 */
class OldWebhookRejectsNewFieldsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String VIRTUAL_SERVICES = "/apis/gateway.solo.io/v1/namespaces/gloo-system/virtualservices";
  private static final String UNMARSHAL_ERROR = "resource incompatible with current Gloo snapshot: [1 error occurred:\n"
      + "\t* could not unmarshal raw object: parsing resource from crd spec retrying in namespace gloo-system into "
      + "*v1.VirtualService: unknown field \"rateLimitedRetryBackOff\" in retries.options.gloo.solo.io.RetryPolicy\n\n]";
  private static final String RETRYING_VIRTUAL_SERVICE = """
      {"apiVersion":"gateway.solo.io/v1","kind":"VirtualService",
       "metadata":{"name":"retrying","namespace":"gloo-system"},
       "spec":{"virtualHost":{"domains":["retrying.example.com"],"routes":[{"matchers":[{"prefix":"/"}],
         "routeAction":{"single":{"upstream":{"name":"default-petstore-8080","namespace":"gloo-system"}}},
         "options":{"retries":{"retryOn":"5xx","numRetries":3,
           "rateLimitedRetryBackOff":{"maxInterval":"10s","resetHeaders":[{"name":"Retry-After","format":"SECONDS"}]}}}}]}}}
      """;

  @TempDir
  Path workDir;
  private final Faults faults = Faults.none();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private FaultWorld world;

  /** A write as the client sees it: status, body and the API's Warning headers. */
  private record Write(int code, JsonNode body, List<String> warnings) {
  }

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void withTheFaultTheOldGlooRefusesTheNewFieldOnceTheNewCrdsKeepIt() {
    faults.oldWebhookRejectsNewFields();
    world = glooWithCrdsOf("1.19.20", "1.20.22");

    // Until the twin sees gloo Ready, the webhook is unreachable and skipped (failurePolicy Ignore): retry.
    Write refused = await().atMost(TIMEOUT).until(() -> createOrUndo(w -> false), w -> w.code() != 201);
    assertThat(refused.code()).as(refused.body().toString()).isEqualTo(400);
    assertThat(refused.body().path("kind").asText()).isEqualTo("Status");
    assertThat(refused.body().path("message").asText())
        .isEqualTo("admission webhook \"gloo.gloo-system.svc\" denied the request: " + UNMARSHAL_ERROR);
    assertThat(get("retrying").code()).as("nothing was stored").isEqualTo(404);
  }

  @Test
  void withoutTheFaultTheOldGlooOnlyWarnsAndTheFieldIsStored() {
    world = glooWithCrdsOf("1.19.20", "1.20.22");

    Write warned = await().atMost(TIMEOUT).until(() -> createOrUndo(w -> !w.warnings().isEmpty()),
        w -> w.code() == 201 && !w.warnings().isEmpty());
    assertThat(warned.warnings()).singleElement().asString().contains("unknown field \\\"rateLimitedRetryBackOff\\\"");
    assertThat(retriesOf(get("retrying").body()).path("rateLimitedRetryBackOff").path("maxInterval").asText())
        .isEqualTo("10s");
  }

  @Test
  void withItsOwnCrdsTheOldGlooNeverSeesTheFieldTheApiPrunesIt() {
    faults.oldWebhookRejectsNewFields();
    world = glooWithCrdsOf("1.19.20", "1.19.20");

    Write created = send("POST", VIRTUAL_SERVICES, RETRYING_VIRTUAL_SERVICE);
    assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.warnings()).isEmpty();
    JsonNode retries = retriesOf(get("retrying").body());
    assertThat(retries.has("rateLimitedRetryBackOff")).as(retries.toString()).isFalse();
    assertThat(retries.path("numRetries").asInt()).as("declared fields stay").isEqualTo(3);
  }

  /** Gloo installed at {@code version}, then the CRDs of {@code crdVersion} applied. */
  private FaultWorld glooWithCrdsOf(String version, String crdVersion) {
    FaultWorld w = new FaultWorld(workDir, ProxyStartup.after(Duration.ZERO), faults);
    w.twin.install("gloo-system", version, Map.of());
    w.twin.gloo.applyCrdsOf(Edition.OSS, crdVersion);
    return w;
  }

  /** Creates the VirtualService; a stored one that {@code keep} rejects is deleted again, for the next try. */
  private Write createOrUndo(Predicate<Write> keep) {
    Write write = send("POST", VIRTUAL_SERVICES, RETRYING_VIRTUAL_SERVICE);
    if (write.code() == 201 && !keep.test(write)) {
      assertThat(send("DELETE", VIRTUAL_SERVICES + "/retrying", null).code()).isEqualTo(200);
    }
    return write;
  }

  private Write get(String name) {
    return send("GET", VIRTUAL_SERVICES + "/" + name, null);
  }

  private static JsonNode retriesOf(JsonNode virtualService) {
    return virtualService.at("/spec/virtualHost/routes/0/options/retries");
  }

  private Write send(String method, String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(world.twin.client.getMasterUrl().toString()).resolve(path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Write(response.statusCode(), json.readTree(response.body()), response.headers().allValues("Warning"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
