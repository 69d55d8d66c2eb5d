package io.glooupgrade.evidence.compliance;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's facts for its compliance records, fed by each scenario as it opens its target (the
 * plugin that writes the records cannot see the scenarios' state): per scenario, keyed by
 * Cucumber's test case id, its edition, versions and target identity. Also the secret values the
 * run handles (the licence key), kept in memory only so that the records can be checked for them.
 */
public final class RunFacts {

  private static final Map<String, ScenarioFacts> BY_SCENARIO = new ConcurrentHashMap<>();
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private RunFacts() {
  }

  public static void record(String scenarioId, ScenarioFacts facts) {
    BY_SCENARIO.put(scenarioId, facts);
  }

  /** A value that must never appear in a record; the record writer masks it wherever it occurs. */
  public static void secret(String value) {
    if (value != null && !value.isBlank()) {
      SECRETS.add(value);
    }
  }

  static Optional<ScenarioFacts> of(String scenarioId) {
    return Optional.ofNullable(BY_SCENARIO.get(scenarioId));
  }

  static Set<String> secrets() {
    return Set.copyOf(SECRETS);
  }
}
