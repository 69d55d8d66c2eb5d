package io.glooupgrade.selftest.matrix;

import io.glooupgrade.embedded.faults.Faults;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One cell of the fault matrix: a fault of the twin switched on for one scenario of one edition,
 * the step that must catch it, words of the message the user must read, and the harness class
 * that does the catching. {@code why} says why this fault meets this scenario.
 *
 * <p>A row whose {@code expectedStep} is null is a fault the guide tells the user how to get past
 * (the harness must recover, as the guide says, and the scenario pass).
 */
public record MatrixRow(String fault, Supplier<Faults> faults, MatrixScenario scenario, String edition,
    Map<String, String> settings, String expectedStep, String messageFragment, String check, String why) {

  /** The switch of {@code Faults} this row turns on, without the version or duration it is set for. */
  public String faultSwitch() {
    return fault.contains("(") ? fault.substring(0, fault.indexOf('(')) : fault;
  }

  public boolean recovers() {
    return expectedStep == null;
  }

  public String tagExpression() {
    return "@" + edition;
  }
}
