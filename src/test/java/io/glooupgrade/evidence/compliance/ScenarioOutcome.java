package io.glooupgrade.evidence.compliance;

import java.time.Instant;
import java.util.List;

/**
 * One scenario as it ran: where it is (feature file name and the line of its Scenario or Examples
 * row), its name and tags (Examples tags included), its status (passed, failed or skipped) and,
 * when it failed, the step that failed and the error's message.
 */
public record ScenarioOutcome(String id, String featureFile, int line, String name, List<String> tags,
    String status, String failedStep, String message, Instant started, Instant finished) {

  public static final String PASSED = "passed";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  /** oss, enterprise or federation, from the scenario's edition tag. */
  public String edition() {
    return tags.stream().filter(t -> List.of("@oss", "@enterprise", "@federation").contains(t))
        .map(t -> t.substring(1)).findFirst().orElse("no-edition");
  }
}
