package io.glooupgrade.evidence.compliance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's facts for its compliance records, fed by each scenario as it opens its target (the
 * plugin that writes the records cannot see the scenarios' state): per scenario, keyed by
 * Cucumber's test case id, its edition, versions and target identity. Also the secret values the
 * run handles (the licence key), kept in memory only so that the records can be checked for them.
 * One per run ({@code HarnessRun.facts()}).
 */
public final class RunFacts {

  private final Map<String, ScenarioFacts> byScenario = new ConcurrentHashMap<>();
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();
  private final Map<String, List<PathHop>> paths = new ConcurrentHashMap<>();

  public void record(String scenarioId, ScenarioFacts facts) {
    byScenario.put(scenarioId, facts);
  }

  /** The hops of the incremental path a scenario performed, each guide step with its verdict. */
  public void upgradePath(String scenarioId, List<PathHop> hops) {
    paths.put(scenarioId, List.copyOf(hops));
  }

  /** A value that must never appear in a record; the record writer masks it wherever it occurs. */
  public void secret(String value) {
    if (value != null && !value.isBlank()) {
      secrets.add(value);
    }
  }

  Optional<ScenarioFacts> of(String scenarioId) {
    return Optional.ofNullable(byScenario.get(scenarioId));
  }

  Map<String, List<PathHop>> paths() {
    return Map.copyOf(paths);
  }

  Set<String> secrets() {
    return Set.copyOf(secrets);
  }
}
