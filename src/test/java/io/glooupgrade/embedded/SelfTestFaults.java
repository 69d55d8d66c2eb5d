package io.glooupgrade.embedded;

import io.glooupgrade.embedded.faults.Faults;

/**
 * The faults the next embedded worlds start with. A self-test that runs a whole scenario switches
 * faults on here, and the scenario's target (resolved the usual way) gets a faulty twin; the suite
 * never touches it, so its worlds have none. One switch at a time: self-tests run one by one.
 */
public final class SelfTestFaults {

  private static volatile Faults current = Faults.none();

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

  /** Switches the faults off again. */
  public static final class Switch implements AutoCloseable {

    @Override
    public void close() {
      current = Faults.none();
    }
  }
}
