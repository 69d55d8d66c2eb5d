package io.glooupgrade.selftest.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.embedded.apiserver.ApiFaults;
import io.glooupgrade.embedded.apiserver.ApiFaults.Kind;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.kube.ApiRetries;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, item 5: the suite completes under injected API faults. A real scenario (CRDs first,
 * then the Helm upgrade) runs against embedded clusters whose API fails every Nth request of the
 * harness (and, in the second test, of Helm); it passes, and the report lists the retries.
 * The slow answers take 30 s against a request timeout of 2 s, so the retry never depends on the
 * machine's speed; no test waits for a slow answer to end.
 */
class ApiFaultScenarioTest {

  private static final String FEATURE = "upgrade-steps.feature";
  private static final String UPGRADE = "CRDs first, then the Helm upgrade with the values in use "
      + "(Upgrade Steps, steps 4 and 5)";
  /** What each kind of fault looks like in the harness's record of retries. */
  private static final Map<Kind, String> RECORDED_AS = Map.of(Kind.TOO_MANY_REQUESTS, "HTTP 429, Retry-After 1 s",
      Kind.SERVER_ERROR, "HTTP 500", Kind.UNAVAILABLE, "HTTP 503, Retry-After 1 s",
      Kind.SLOW_ANSWER, "no answer within the request timeout of 2000 ms", Kind.CONNECTION_RESET, "Connection reset",
      Kind.CONNECTION_CLOSED, "connection closed without an answer");

  @Test
  void theUpgradeCompletesWhenTheApiFailsEveryFifteenthRequestOfTheHarness() throws IOException {
    ApiFaults flaky = ApiFaults.every(15, Kind.values()).slowAnswersTake(Duration.ofSeconds(30));

    ScenarioRun.Outcome outcome = ScenarioRun.runOneRecordingEvidence(FEATURE, UPGRADE, "@oss",
        Faults.none().flakyApi(flaky), Map.of("harness.api.timeout", "2"));

    assertThat(outcome.passed()).as("the upgrade under a flaky API: %s", outcome).isTrue();
    List<ApiRetries.Retry> retries = outcome.apiRetries();
    for (Kind kind : Kind.values()) {
      assertThat(flaky.injected().get(kind)).as("%s injected", kind).isPositive();
      assertThat(retries).as("retries after %s", kind).anyMatch(r -> r.failure().contains(RECORDED_AS.get(kind)));
    }
    assertThat(retries).as("every failed attempt was retried").allMatch(ApiRetries.Retry::retried);
    assertThat(retries).as("a Retry-After of 1 s waited for, then the first backoff")
        .filteredOn(r -> r.failure().contains("Retry-After 1 s") && r.attempt() == 1)
        .isNotEmpty().allMatch(r -> r.delayMillis() == 1250);
    assertThat(attachmentsNamed("API retries")).as("the report's API retries of this scenario")
        .contains(ApiRetries.report(retries));
  }

  @Test
  void theUpgradeCompletesWhenHelmMeetsTheFaultsItRidesOutOnItsOwn() {
    // Slow answers of 1 s: within both clients' patience (Helm has no request timeout, the harness 15 s).
    ApiFaults flaky = ApiFaults.every(25, Kind.TOO_MANY_REQUESTS, Kind.UNAVAILABLE, Kind.SLOW_ANSWER,
        Kind.CONNECTION_RESET, Kind.CONNECTION_CLOSED).slowAnswersTake(Duration.ofSeconds(1)).includingHelm();

    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss", Faults.none().flakyApi(flaky));

    assertThat(outcome.passed()).as("the upgrade with Helm's requests failing too: %s", outcome).isTrue();
    assertThat(flaky.injected().keySet()).containsExactlyInAnyOrder(Kind.TOO_MANY_REQUESTS, Kind.UNAVAILABLE,
        Kind.SLOW_ANSWER, Kind.CONNECTION_RESET, Kind.CONNECTION_CLOSED);
    assertThat(outcome.apiRetries()).as("the harness's own retries").isNotEmpty();
  }

  @Test
  void helmFailsAtOnceOnAServerErrorWithoutRetryAfterWhichIsWhyHelmIsSparedThem() {
    ApiFaults helmOnly = ApiFaults.every(1000, Kind.SERVER_ERROR).onlyHelm();

    ScenarioRun.Outcome outcome = ScenarioRun.runOne(FEATURE, UPGRADE, "@oss", Faults.none().flakyApi(helmOnly));

    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.failedStep()).startsWith("Given Gloo Edge at the current version is installed");
    assertThat(outcome.error()).contains("helm install").contains("an error on the server");
    assertThat(helmOnly.injected()).containsExactly(Map.entry(Kind.SERVER_ERROR, 1));
  }

  private static List<String> attachmentsNamed(String name) throws IOException {
    Path results = Path.of(System.getProperty("allure.results.directory", "target/selftest-allure-results"));
    try (Stream<Path> files = Files.list(results)) {
      List<Path> all = files.toList();
      List<String> sources = all.stream().filter(f -> f.getFileName().toString().endsWith(".json"))
          .map(ApiFaultScenarioTest::read)
          .flatMap(json -> java.util.regex.Pattern.compile("\\{\"name\":\"" + name + "\",\"source\":\"([^\"]+)\"")
              .matcher(json).results().map(m -> m.group(1)))
          .toList();
      return sources.stream().map(source -> read(results.resolve(source))).toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
