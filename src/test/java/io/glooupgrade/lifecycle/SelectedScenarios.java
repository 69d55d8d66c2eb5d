package io.glooupgrade.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The scenarios a JUnit Platform run (mvn verify, -Dgroups=...) selected, seen before the first
 * starts: Cucumber alone does not know which of its scenarios JUnit's tag filter left, and the
 * preflight checks what those need, once. Registered through META-INF/services; a run through
 * Cucumber's command line has no plan, and the preflight then checks each scenario's needs as it comes.
 */
public final class SelectedScenarios implements TestExecutionListener {

  private static volatile List<ScenarioNeeds> selected;

  /** What the scenarios of the plan being executed need, if a plan is being executed. */
  static Optional<ScenarioNeeds> needs() {
    List<ScenarioNeeds> scenarios = selected;
    return scenarios == null || scenarios.isEmpty() ? Optional.empty() : Optional.of(ScenarioNeeds.ofAll(scenarios));
  }

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    List<ScenarioNeeds> scenarios = new ArrayList<>();
    for (TestIdentifier root : plan.getRoots()) {
      plan.getDescendants(root).stream().filter(TestIdentifier::isTest).filter(SelectedScenarios::cucumber)
          .forEach(test -> scenarios.add(ScenarioNeeds.of(test.getTags().stream().map(t -> "@" + t.getName())
              .toList())));
    }
    selected = List.copyOf(scenarios);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    selected = null;
  }

  private static boolean cucumber(TestIdentifier test) {
    return UniqueId.parse(test.getUniqueId()).getSegments().stream()
        .anyMatch(s -> s.getType().equals("engine") && s.getValue().equals("cucumber"));
  }
}
