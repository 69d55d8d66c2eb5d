package io.glooupgrade.embedded;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.lifecycle.HarnessRun;
import java.util.function.Consumer;

/**
 * The faults the embedded worlds of a run start with. A self-test that runs a whole scenario
 * switches faults on, and the scenario's target (resolved the usual way) gets a faulty twin; the
 * suite never touches it, so its worlds have none. One per run ({@link HarnessRun#own}):
 * {@link #switchOn} opens a run of its own, so the faults reach exactly the worlds started until
 * the switch is closed, and the run around it is current again afterwards, untouched.
 */
public final class SelfTestFaults {

  private volatile Faults current = Faults.none();
  private volatile Consumer<EmbeddedWorld> closing = world -> { };

  /**
   * Opens a run whose worlds start with these faults, until the returned switch is closed (which
   * closes the run). A Cucumber run launched inside it is that run.
   */
  public static Switch switchOn(Faults faults) {
    HarnessRun run = HarnessRun.open();
    of(run).current = faults;
    return new Switch(run);
  }

  /** The faults of the current run's worlds (none unless a self-test switched them on). */
  static Faults current() {
    return of(HarnessRun.current()).current;
  }

  /** Called by a world about to close: a self-test may look at what a scenario left behind. */
  static void closing(EmbeddedWorld world) {
    of(HarnessRun.current()).closing.accept(world);
  }

  private static SelfTestFaults of(HarnessRun run) {
    return run.own(SelfTestFaults.class, SelfTestFaults::new);
  }

  /** The run the faults are on; closing it switches them off. */
  public static final class Switch implements AutoCloseable {

    private final HarnessRun run;

    private Switch(HarnessRun run) {
      this.run = run;
    }

    /** Shows each world to the inspector just before it closes, until this switch is closed. */
    public Switch inspectingWorldsBeforeClose(Consumer<EmbeddedWorld> inspector) {
      of(run).closing = inspector;
      return this;
    }

    /** The run the faults are on: what its scenarios recorded can be read here. */
    public HarnessRun run() {
      return run;
    }

    @Override
    public void close() {
      run.close();
    }
  }
}
