package io.glooupgrade.selftest.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.config.SettingSources;
import io.glooupgrade.embedded.SelfTestFaults;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.traffic.StepTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A run's state is its own: a run opened inside another starts fresh, and closing it gives the
 * outer run back as it was; the faults a self-test switches on open such a run; two scenarios of a
 * run keep separate step timelines; runs opened on two threads side by side (the fault matrix's
 * rows) each see their own settings, as do the threads they start.
 */
class HarnessRunTest {

  @Test
  void aNestedRunStartsFreshAndTheOuterRunComesBackUntouched() {
    try (HarnessRun outer = HarnessRun.open()) {
      outer.interruption().targetLost("the outer run's target went away");
      outer.plan().rehearsing("the outer plan", java.util.Map.of(), java.util.List.of());
      try (HarnessRun inner = HarnessRun.open()) {
        assertThat(HarnessRun.current()).isSameAs(inner);
        assertThat(inner.interruption().interrupted()).as("the nested run's interruption").isFalse();
        assertThat(inner.apiRetries().recorded()).isEmpty();
        assertThat(inner.preflight().stopped()).isFalse();
      }
      assertThat(HarnessRun.current()).isSameAs(outer);
      assertThat(outer.interruption().reason()).contains("the outer run's target went away");
    }
  }

  @Test
  void switchingFaultsOnOpensARunOfItsOwnUntilTheSwitchIsClosed() {
    try (HarnessRun outer = HarnessRun.open()) {
      try (SelfTestFaults.Switch on = SelfTestFaults.switchOn(Faults.none())) {
        assertThat(HarnessRun.current()).isSameAs(on.run()).isNotSameAs(outer);
      }
      assertThat(HarnessRun.current()).isSameAs(outer);
    }
  }

  @Test
  void runsOpenedOnTwoThreadsSideBySideEachSeeTheirOwnSettingsAndSoDoTheThreadsTheyStart() throws Exception {
    CyclicBarrier bothOpen = new CyclicBarrier(2);
    ExecutorService rows = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> seen = new ArrayList<>();
      for (String timeout : List.of("3", "7")) {
        seen.add(rows.submit(() -> {
          try (HarnessRun run = HarnessRun.open()) {
            run.settings().put("harness.timeout.check", timeout);
            bothOpen.await(10, TimeUnit.SECONDS);
            CompletableFuture<String> started = new CompletableFuture<>();
            Thread child = new Thread(() -> started.complete(SettingSources.valueOf("harness.timeout.check")
                .orElse("none") + (HarnessRun.current() == run ? " in its run" : " elsewhere")));
            child.start();
            String own = SettingSources.valueOf("harness.timeout.check").orElse("none")
                + (HarnessRun.current() == run ? " in its run" : " elsewhere");
            bothOpen.await(10, TimeUnit.SECONDS);
            return List.of(own, started.get(10, TimeUnit.SECONDS));
          }
        }));
      }
      assertThat(seen.get(0).get(20, TimeUnit.SECONDS)).containsOnly("3 in its run");
      assertThat(seen.get(1).get(20, TimeUnit.SECONDS)).containsOnly("7 in its run");
    } finally {
      rows.shutdownNow();
    }
    assertThat(SettingSources.valueOf("harness.timeout.check")).as("outside both runs, after they closed").isEmpty();
  }

  @Test
  void eachScenarioHasItsOwnTimeline() {
    try (HarnessRun run = HarnessRun.open()) {
      long before = System.nanoTime();
      run.timelines().of("scenario-1").started("When one thing happens");
      run.timelines().of("scenario-2").started("When another thing happens");
      long after = System.nanoTime();
      assertThat(run.timelines().of("scenario-1").between(before, after)).extracting(StepTimeline.StepStart::step)
          .containsExactly("When one thing happens");
      assertThat(run.timelines().of("scenario-2").stepAt(after)).isEqualTo("When another thing happens");
      assertThat(run.timelines().onThisThread().stepAt(after)).as("outside any scenario").isEmpty();
    }
  }
}
