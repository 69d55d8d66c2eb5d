package io.glooupgrade.embedded;

import io.glooupgrade.embedded.faults.Faults;
import java.util.function.Consumer;

/**
 * The faults the next embedded worlds start with. A self-test that runs a whole scenario switches
 * faults on here, and the scenario's target (resolved the usual way) gets a faulty twin; the suite
 * never touches it, so its worlds have none. One switch at a time: self-tests run one by one.
 */
public final class SelfTestFaults {

  private static volatile Faults current = Faults.none();
  private static volatile Consumer<EmbeddedWorld> closing = world -> { };

  private SelfTestFaults() {
  }

  /** Switches the faults on for the worlds started until the returned handle is closed. */
  public static Switch switchOn(Faults faults) {
    current = faults;
    return new Switch();
  }

  static Faults current() {
    return current;
  }

  /** Called by a world about to close: a self-test may look at what a scenario left behind. */
  static void closing(EmbeddedWorld world) {
    closing.accept(world);
  }

  /** Switches the faults off again. */
  public static final class Switch implements AutoCloseable {

    /** Shows each world to the inspector just before it closes, until this switch is closed. */
    public Switch inspectingWorldsBeforeClose(Consumer<EmbeddedWorld> inspector) {
      closing = inspector;
      return this;
    }

    @Override
    public void close() {
      current = Faults.none();
      closing = world -> { };
    }
  }
}
