package io.glooupgrade.lifecycle;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Opens a {@link HarnessRun} for a JUnit Platform run (mvn verify, -Dgroups=...) with Cucumber
 * scenarios, and closes it when the run finishes. It also hands the run's preflight the scenarios
 * JUnit selected, seen before the first starts: Cucumber alone does not know which of its
 * scenarios JUnit's tag filter left, and the preflight checks what those need, once. Registered
 * through META-INF/services; a run through Cucumber's command line has no plan, and the preflight
 * then checks each scenario's needs as it comes.
 */
public final class SelectedScenarios implements TestExecutionListener {

  private HarnessRun opened;

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    List<ScenarioNeeds> scenarios = new ArrayList<>();
    for (TestIdentifier root : plan.getRoots()) {
      plan.getDescendants(root).stream().filter(TestIdentifier::isTest).filter(SelectedScenarios::cucumber)
          .forEach(test -> scenarios.add(ScenarioNeeds.of(test.getTags().stream().map(t -> "@" + t.getName())
              .toList())));
    }
    if (!scenarios.isEmpty()) {
      opened = HarnessRun.open();
      opened.preflight().selected(scenarios);
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (opened != null) {
      opened.close();
      opened = null;
    }
  }

  private static boolean cucumber(TestIdentifier test) {
    return UniqueId.parse(test.getUniqueId()).getSegments().stream()
        .anyMatch(s -> s.getType().equals("engine") && s.getValue().equals("cucumber"));
  }
}
