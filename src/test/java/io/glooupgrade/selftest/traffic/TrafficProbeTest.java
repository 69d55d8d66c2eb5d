package io.glooupgrade.selftest.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.gloo.Petstore;
import io.glooupgrade.selftest.support.TwinWorld;
import io.glooupgrade.traffic.StepTimeline;
import io.glooupgrade.traffic.TrafficChart;
import io.glooupgrade.traffic.TrafficProbe;
import io.glooupgrade.traffic.TrafficReport;
import io.glooupgrade.traffic.TrafficVerdicts;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic probe against the embedded gateway: it sees a 20 ms outage the twin injects (which a
 * probe at Gloo's 40 requests/s would likely miss), names the step that was running, plots it, and
 * fails fast on an address that never answers.
 */
class TrafficProbeTest {

  @TempDir
  static Path workDir;
  private static final Faults FAULTS = Faults.none();
  private static TwinWorld world;
  private static URI allPets;

  @BeforeAll
  static void gatewayWithThePetstore() {
    world = new TwinWorld(workDir, ProxyStartup.after(Duration.ZERO), FAULTS);
    world.install("gloo-system", "1.19.20", Map.of());
    world.gloo.routePetstore("gloo-system", "/all-pets");
    allPets = world.gatewayUrl("gloo-system").resolve("/all-pets");
    await().atMost(TwinWorld.TIMEOUT).until(() -> world.send(world.gatewayUrl("gloo-system"), "/all-pets")
        .statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void aTwentyMillisecondOutageIsSeenWithItsStepAndPlotted() {
    try (TrafficProbe probe = TrafficProbe.start(allPets, Petstore.DOG, new TrafficProbe.Options(2, 0,
        Duration.ofSeconds(2), 10_000, Duration.ofMillis(5)), Duration.ofSeconds(5))) {
      await().atMost(TwinWorld.TIMEOUT).until(() -> probe.snapshot().requestsSent() > 200);
      StepTimeline.started("When the proxies refuse traffic for 20 ms");
      FAULTS.refuseTrafficFor(Duration.ofMillis(20));
      await().atMost(TwinWorld.TIMEOUT).until(() -> {
        TrafficReport now = probe.snapshot();
        return now.outages().size() == 1 && now.outages().get(0).endMs() < now.durationMs() - 50;
      });
      TrafficReport report = probe.stop();

      assertThat(report.outages()).hasSize(1);
      var outage = report.outages().get(0);
      assertThat(outage.lengthMs()).as(report.summary()).isBetween(10.0, 200.0);
      assertThat(outage.requestsLost()).isPositive();
      assertThat(outage.step()).isEqualTo("When the proxies refuse traffic for 20 ms");
      assertThat(outage.firstError()).contains("HTTP 503");
      assertThatThrownBy(() -> TrafficVerdicts.noRequestFailed(report)).hasMessageContaining("requests failed")
          .hasMessageContaining("When the proxies refuse traffic for 20 ms");
      assertThatThrownBy(() -> TrafficVerdicts.noOutageLongerThan(report, 5)).hasMessageContaining("an outage lasted");
      byte[] png = TrafficChart.png(report, 1000, 400);
      assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }
  }

  @Test
  void steadyTrafficPassesTheVerdicts() {
    try (TrafficProbe probe = TrafficProbe.start(allPets, Petstore.DOG, TrafficProbe.Options.forScenarios(),
        Duration.ofSeconds(5))) {
      await().atMost(TwinWorld.TIMEOUT).until(() -> probe.snapshot().requestsSent() > 100);
      TrafficReport report = probe.stop();
      TrafficVerdicts.noRequestFailed(report);
      TrafficVerdicts.noOutageLongerThan(report, 0);
      TrafficVerdicts.latencyP99Under(report, 1_000);
      assertThat(report.successRatio()).isEqualTo(1.0);
      assertThatThrownBy(() -> TrafficVerdicts.outageSeen(report)).hasMessageContaining("did not see the outage");
    }
  }

  @Test
  void anAddressThatNeverAnswersFailsFastNamingItAndTheLastError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/all-pets");
    long start = System.nanoTime();
    assertThatThrownBy(() -> TrafficProbe.start(nowhere, Petstore.DOG, TrafficProbe.Options.forScenarios(),
        Duration.ofMillis(500)))
        .hasMessageContaining(nowhere.toString()).hasMessageContaining("connection refused");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
