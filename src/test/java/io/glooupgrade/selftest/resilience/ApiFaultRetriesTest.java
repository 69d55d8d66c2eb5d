package io.glooupgrade.selftest.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.glooupgrade.embedded.apiserver.ApiFaults;
import io.glooupgrade.embedded.apiserver.ApiFaults.Kind;
import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import io.glooupgrade.kube.ApiRetries;
import io.glooupgrade.kube.ApiRetryPolicy;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.kube.KubeconfigYaml;
import io.glooupgrade.lifecycle.HarnessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, item 5: a transient API failure does not fail the harness's call, it is retried with a
 * bounded backoff and recorded for the report; without retries, or with more failures in a row
 * than the bound, the call fails with the API's error. One fault per test, on the first request
 * the harness's client sends to an embedded API (nothing else is faulted: every 1000th request).
 * Timing-free: the slow answer takes 20 s against a 1 s request timeout, and nothing waits for it.
 */
class ApiFaultRetriesTest {

  private static final String TOKEN = "bearer-token-that-must-not-be-recorded";
  private static final ApiRetryPolicy QUICK = new ApiRetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5));
  private static final ApiRetryPolicy IMPATIENT = new ApiRetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1));

  @TempDir
  Path directory;
  private EmbeddedApiServer api;
  private KubeContext context;
  private HarnessRun run;

  @BeforeEach
  void start() throws IOException {
    api = EmbeddedApiServer.start("1.31.4");
    Path kubeconfig = directory.resolve("kubeconfig.yaml");
    // The embedded administrator's token: the API refuses tokens it did not issue (401).
    Files.writeString(kubeconfig, KubeconfigYaml.of("flaky", api.url(), EmbeddedApiServer.ADMIN_TOKEN));
    context = new KubeContext("flaky", kubeconfig);
    run = HarnessRun.open(); // the clients made in it record their retries there
  }

  @AfterEach
  void stop() {
    api.close();
    run.close();
  }

  @Test
  void aThrottledWriteIsRetriedAfterItsRetryAfter() {
    api.apiFaults(ApiFaults.every(1000, Kind.TOO_MANY_REQUESTS).retryAfter(1));

    long start = System.nanoTime();
    try (KubernetesClient client = context.newClient(QUICK)) {
      client.namespaces().resource(namespace("throttled")).create();
      // fabric8 alone would retry after its 10 ms backoff: RetryAfterHold makes it wait the second.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1010));
      assertThat(client.namespaces().withName("throttled").get()).isNotNull();
    }

    assertThat(run.apiRetries().recorded()).containsExactly(
        new ApiRetries.Retry("POST", "/api/v1/namespaces", "HTTP 429, Retry-After 1 s", 1, 1010));
  }

  @Test
  void aServerErrorIsRetriedWithBackoff() {
    api.apiFaults(ApiFaults.every(1000, Kind.SERVER_ERROR));

    try (KubernetesClient client = context.newClient(QUICK)) {
      client.namespaces().resource(namespace("after-500")).create();
      assertThat(client.namespaces().withName("after-500").get()).isNotNull();
    }

    assertThat(run.apiRetries().recorded()).containsExactly(
        new ApiRetries.Retry("POST", "/api/v1/namespaces", "HTTP 500", 1, 10));
  }

  @Test
  void anUnavailableServerIsRetriedAfterItsRetryAfter() {
    api.apiFaults(ApiFaults.every(1000, Kind.UNAVAILABLE).retryAfter(1));

    try (KubernetesClient client = context.newClient(QUICK)) {
      assertThat(client.namespaces().withLabel("team", "gloo").list().getItems()).isEmpty();
    }

    // The path is recorded without its query (label selectors, and on other APIs, secrets).
    assertThat(run.apiRetries().recorded()).containsExactly(
        new ApiRetries.Retry("GET", "/api/v1/namespaces", "HTTP 503, Retry-After 1 s", 1, 1010));
  }

  @Test
  void aSlowAnswerIsGivenUpOnAtTheRequestTimeoutAndTheReadRetried() {
    api.apiFaults(ApiFaults.every(1000, Kind.SLOW_ANSWER).slowAnswersTake(Duration.ofSeconds(20)));

    try (KubernetesClient client = context.newClient(IMPATIENT)) {
      assertThat(client.namespaces().withName("default").get()).isNull();
    }

    assertThat(run.apiRetries().recorded()).containsExactly(new ApiRetries.Retry("GET", "/api/v1/namespaces/default",
        "no answer within the request timeout of 1000 ms", 1, 10));
  }

  @Test
  void aSlowAnswerWithinTheRequestTimeoutIsWaitedFor() {
    api.apiFaults(ApiFaults.every(1000, Kind.SLOW_ANSWER).slowAnswersTake(Duration.ofMillis(200)));

    try (KubernetesClient client = context.newClient(new ApiRetryPolicy(3, Duration.ofMillis(10),
        Duration.ofSeconds(30)))) {
      assertThat(client.namespaces().withName("default").get()).isNull();
    }

    assertThat(run.apiRetries().recorded()).isEmpty();
  }

  @Test
  void moreSlowAnswersInARowThanTheBoundFailTheReadWithTheTimeout() {
    ApiRetryPolicy once = new ApiRetryPolicy(1, Duration.ofMillis(10), Duration.ofSeconds(1));
    api.apiFaults(ApiFaults.every(1000, Kind.SLOW_ANSWER).inRowsOf(2).slowAnswersTake(Duration.ofSeconds(20)));

    try (KubernetesClient client = context.newClient(once)) {
      assertThatThrownBy(() -> client.namespaces().withName("default").get())
          .isInstanceOf(KubernetesClientException.class).hasMessageContaining("timeout");
    }
    assertThat(run.apiRetries().recorded()).extracting(ApiRetries.Retry::delayMillis).containsExactly(10L, -1L);
  }

  @Test
  void aResetConnectionIsRetried() {
    api.apiFaults(ApiFaults.every(1000, Kind.CONNECTION_RESET));

    try (KubernetesClient client = context.newClient(QUICK)) {
      client.namespaces().resource(namespace("after-reset")).create();
      assertThat(client.namespaces().withName("after-reset").get()).isNotNull();
    }

    List<ApiRetries.Retry> retries = run.apiRetries().recorded();
    assertThat(retries).hasSize(1);
    assertThat(retries.get(0).method()).isEqualTo("POST");
    assertThat(retries.get(0).failure()).contains("Connection reset");
    assertThat(retries.get(0).retried()).isTrue();
  }

  @Test
  void aReadWhoseConnectionClosesWithoutAnswerIsRetried() {
    api.apiFaults(ApiFaults.every(1000, Kind.CONNECTION_CLOSED));

    try (KubernetesClient client = context.newClient(QUICK)) {
      assertThat(client.namespaces().withName("default").get()).isNull();
    }

    assertThat(run.apiRetries().recorded()).containsExactly(new ApiRetries.Retry("GET", "/api/v1/namespaces/default",
        "connection closed without an answer", 1, 10));
  }

  @Test
  void withoutRetriesOneThrottledAnswerFailsTheCall() {
    api.apiFaults(ApiFaults.every(1000, Kind.TOO_MANY_REQUESTS));

    try (KubernetesClient client = context.newClient(new ApiRetryPolicy(0, Duration.ofMillis(10),
        Duration.ofSeconds(1)))) {
      assertThatThrownBy(() -> client.namespaces().resource(namespace("throttled")).create())
          .isInstanceOf(KubernetesClientException.class).hasMessageContaining("429")
          .hasMessageContaining("too many requests");
    }
    assertThat(run.apiRetries().recorded()).containsExactly(new ApiRetries.Retry("POST", "/api/v1/namespaces",
        "HTTP 429, Retry-After 1 s", 1, -1));
  }

  @Test
  void moreServerErrorsInARowThanTheBoundFailTheCallAfterTheLastRetry() {
    api.apiFaults(ApiFaults.every(1000, Kind.SERVER_ERROR).inRowsOf(QUICK.retries() + 1));

    try (KubernetesClient client = context.newClient(QUICK)) {
      assertThatThrownBy(() -> client.namespaces().withName("default").get())
          .isInstanceOf(KubernetesClientException.class).hasMessageContaining("500");
    }

    assertThat(run.apiRetries().recorded()).extracting(ApiRetries.Retry::attempt, ApiRetries.Retry::delayMillis)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 10L), org.assertj.core.groups.Tuple.tuple(2, 20L),
            org.assertj.core.groups.Tuple.tuple(3, 40L), org.assertj.core.groups.Tuple.tuple(4, -1L));
  }

  @Test
  void asManyServerErrorsInARowAsTheBoundAreRiddenOut() {
    api.apiFaults(ApiFaults.every(1000, Kind.SERVER_ERROR).inRowsOf(QUICK.retries()));

    try (KubernetesClient client = context.newClient(QUICK)) {
      assertThat(client.namespaces().withName("default").get()).isNull();
    }

    assertThat(run.apiRetries().recorded()).hasSize(QUICK.retries()).allMatch(ApiRetries.Retry::retried);
  }

  @Test
  void moreUnansweredReadsInARowThanTheBoundFailTheCall() {
    ApiRetryPolicy once = new ApiRetryPolicy(1, Duration.ofMillis(10), Duration.ofSeconds(1));
    api.apiFaults(ApiFaults.every(1000, Kind.CONNECTION_CLOSED).inRowsOf(2));

    try (KubernetesClient client = context.newClient(once)) {
      assertThatThrownBy(() -> client.namespaces().withName("default").get())
          .isInstanceOf(KubernetesClientException.class).hasMessageContaining("closed");
    }
    assertThat(run.apiRetries().recorded()).extracting(ApiRetries.Retry::delayMillis).containsExactly(10L, -1L);
  }

  @Test
  void theEmbeddedWorldsOwnClientsAreNeverFaulted() {
    api.apiFaults(ApiFaults.every(1, Kind.SERVER_ERROR));
    Config config = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl(api.url())
        .withUserAgent(ApiFaults.WORLD_USER_AGENT).withRequestRetryBackoffLimit(0).build();

    try (KubernetesClient world = new KubernetesClientBuilder().withConfig(config).build()) {
      world.namespaces().resource(namespace("controllers")).create();
      assertThat(world.namespaces().withName("controllers").get()).isNotNull();
    }
  }

  @Test
  void theReportSaysWhatWasRetriedAndNeverTheToken() {
    api.apiFaults(ApiFaults.every(1000, Kind.SERVER_ERROR));
    try (KubernetesClient client = context.newClient(QUICK)) {
      client.namespaces().withLabel("secret", TOKEN).list();
    }

    String report = ApiRetries.report(run.apiRetries().recorded());

    assertThat(report).isEqualTo("1 failed API attempt(s):\n"
        + "GET /api/v1/namespaces: attempt 1 failed (HTTP 500), retried after 10 ms").doesNotContain(TOKEN)
        .doesNotContain(EmbeddedApiServer.ADMIN_TOKEN);
    assertThat(ApiRetries.report(List.of())).isEqualTo("no API call was retried");
  }

  @Test
  void theDefaultBoundIsFiveRetriesWithinEightSecondsOfBackoff() {
    ApiRetryPolicy defaults = ApiRetryPolicy.configured();

    assertThat(defaults).isEqualTo(new ApiRetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(15)));
    assertThat(defaults.worstCaseBackoff()).isEqualTo(Duration.ofMillis(250 + 500 + 1000 + 2000 + 4000));
  }

  @Test
  void invalidRetrySettingsAreListedWithTheOtherProblemsOfTheConfiguration() {
    assertThatThrownBy(() -> io.glooupgrade.config.HarnessSettings.from(java.util.Map.of("harness.target", "moon",
        "harness.api.retries", "-1", "harness.api.timeout", "soon")))
        .hasMessageContaining("harness.target is 'moon'").hasMessageContaining("harness.api.retries is -1; expected 0 to 10")
        .hasMessageContaining("harness.api.timeout 'soon' is not a whole number");
  }

  private static Namespace namespace(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }
}
