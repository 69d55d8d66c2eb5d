package io.glooupgrade.selftest.benchmark;

import io.glooupgrade.gloo.Edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.install.Petstore;
import io.glooupgrade.selftest.support.TwinWorld;
import io.glooupgrade.traffic.OutageWindow;
import io.glooupgrade.traffic.TrafficProbe;
import io.glooupgrade.traffic.TrafficReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast the traffic probe sends, and how short an outage it sees, against the embedded gateway
 * on this machine, written to {@code reports/benchmarks/traffic-probe.json}. Run it with
 * {@code mvn -B test -Dtest=TrafficProbeBenchmark -Dbenchmarks.excluded=none}; the normal test run
 * leaves it out (tag {@code benchmark}).
 *
 * <p>Throughput is measured while a Helm upgrade (1.18.41 to 1.19.20, probes on) runs in the same
 * JVM; outages of 50, 20, 10, 5, 2 and 1 ms are then injected by the twin, one at a time, and each
 * counts as detected when the probe reports an outage window overlapping it.
 */
@Tag("benchmark")
class TrafficProbeBenchmark {

  private static final Path OUTPUT = Path.of("reports", "benchmarks", "traffic-probe.json");
  private static final int WORKERS = 4;
  private static final List<Integer> INJECTED_MS = List.of(50, 20, 10, 5, 2, 1);

  @TempDir
  Path workDir;

  @Test
  void probeThroughputDuringAnUpgradeAndTheShortestOutageItSees() throws IOException {
    Faults faults = Faults.none();
    try (TwinWorld world = new TwinWorld(workDir, ProxyStartup.after(Duration.ofMillis(200)), faults)) {
      world.install("gloo-system", "1.18.41", Map.of("gatewayProxies.gatewayProxy.podTemplate.probes", "true"));
      Petstore.route(world.gloo.client(), "gloo-system", "/all-pets");
      URI allPets = world.gatewayUrl("gloo-system").resolve("/all-pets");
      await().atMost(TwinWorld.TIMEOUT).until(() -> world.send(world.gatewayUrl("gloo-system"), "/all-pets")
          .statusCode() == 200);

      try (TrafficProbe probe = TrafficProbe.start(allPets, Petstore.DOG, new TrafficProbe.Options(WORKERS, 0,
          Duration.ofSeconds(2), 100_000, Duration.ofMillis(5)), Duration.ofSeconds(10))) {
        // Warm up the JIT and the connections before measuring.
        await().atMost(TwinWorld.TIMEOUT).until(() -> probe.snapshot().requestsSent() > 20_000);

        Cpu cpu = Cpu.now();
        TrafficReport before = probe.snapshot();
        upgrade(world, workDir);
        TrafficReport after = probe.snapshot();
        double upgradeSeconds = (after.durationMs() - before.durationMs()) / 1000;
        double requestsPerSecond = (after.requestsSent() - before.requestsSent()) / upgradeSeconds;
        double cores = cpu.coresSince();
        long failedDuringUpgrade = after.requestsFailed() - before.requestsFailed();

        List<Map<String, Object>> injections = new ArrayList<>();
        Integer shortestDetected = null;
        for (int outageMs : INJECTED_MS) {
          var seen = injectAndLook(probe, faults, outageMs);
          Map<String, Object> injection = new LinkedHashMap<>();
          injection.put("injectedMs", outageMs);
          injection.put("detected", seen.isPresent());
          seen.ifPresent(w -> {
            injection.put("measuredMs", Math.round(w.lengthMs() * 100) / 100.0);
            injection.put("requestsLost", w.requestsLost());
          });
          injections.add(injection);
          if (seen.isPresent()) {
            shortestDetected = outageMs;
          }
        }
        TrafficReport total = probe.stop();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("measuredAt", Instant.now().toString());
        result.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java "
            + System.getProperty("java.version"));
        result.put("workers", WORKERS);
        result.put("requestsPerSecond", Math.round(requestsPerSecond));
        result.put("upgradeSeconds", Math.round(upgradeSeconds * 10) / 10.0);
        result.put("requestsFailedDuringUpgrade", failedDuringUpgrade);
        result.put("shortestOutageDetectedMs", shortestDetected);
        result.put("cpuCoresUsed", Math.round(cores * 100) / 100.0);
        result.put("cpuCoresUsedNote", "the whole JVM during the upgrade: probe, embedded gateway, API server, "
            + "controllers and Helm");
        result.put("latencyP99Ms", total.latencyP99Ms());
        result.put("injectedOutages", injections);
        result.put("gloosOwnTest", "hey -c 4 -q 10: 40 requests/s, one request every 25 ms on average");
        Files.createDirectories(OUTPUT.getParent());
        Files.writeString(OUTPUT, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(result));
        System.out.println("traffic probe benchmark: " + result);

        assertThat(requestsPerSecond).as("requests/s while the upgrade ran").isGreaterThanOrEqualTo(1_000);
        assertThat(shortestDetected).as("shortest injected outage detected").isNotNull().isLessThanOrEqualTo(20);
      }
    }
  }

  private static void upgrade(TwinWorld world, Path workDir) throws IOException {
    world.gloo.applyCrdsOf(Edition.OSS, "1.19.20");
    Path values = Files.writeString(workDir.resolve("values.yaml"),
        world.gloo.helm().getValues("gloo-system", "gloo", "gloo/gloo"));
    world.gloo.helm().upgrade(new GlooInstallation("gloo-system", "1.19.20").helmRelease().withValues(values));
    world.gloo.releases().awaitRolledOut(new GlooInstallation("gloo-system", "1.19.20"));
  }

  /** Injects one outage and waits until traffic has flowed well past it; whether the probe saw a window there. */
  private static java.util.Optional<OutageWindow> injectAndLook(TrafficProbe probe, Faults faults, int outageMs) {
    double injectedAtMs = probe.snapshot().durationMs();
    faults.refuseTrafficFor(Duration.ofMillis(outageMs));
    await().atMost(TwinWorld.TIMEOUT).until(() -> probe.snapshot().durationMs() > injectedAtMs + outageMs + 200);
    TrafficReport report = probe.snapshot();
    for (OutageWindow window : report.outages()) {
      if (window.endMs() >= injectedAtMs && window.startMs() <= injectedAtMs + outageMs + 5) {
        return java.util.Optional.of(window);
      }
    }
    return java.util.Optional.empty();
  }

  /** The JVM's CPU time, to say how many cores a stretch of wall time used. */
  private record Cpu(long cpuNanos, long wallNanos) {

    static Cpu now() {
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return new Cpu(os.getProcessCpuTime(), System.nanoTime());
    }

    double coresSince() {
      Cpu end = now();
      return (double) (end.cpuNanos - cpuNanos) / (end.wallNanos - wallNanos);
    }
  }
}
