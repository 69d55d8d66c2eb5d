package io.glooupgrade.selftest.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.embedded.SelfTestFaults;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.lifecycle.HarnessRun;
import io.glooupgrade.traffic.StepTimeline;
import org.junit.jupiter.api.Test;

/**
 * A run's state is its own: a run opened inside another starts fresh, and closing it gives the
 * outer run back as it was; the faults a self-test switches on open such a run; two scenarios of a
 * run keep separate step timelines.
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
