package io.glooupgrade.selftest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.evidence.Encodes;
import io.glooupgrade.evidence.GuideStep;
import io.glooupgrade.evidence.Observed;
import io.glooupgrade.evidence.ScenarioEncodings;
import io.glooupgrade.evidence.StepDefinitions;
import io.glooupgrade.evidence.Traceability;
import io.glooupgrade.selftest.matrix.FaultMatrix;
import io.glooupgrade.selftest.matrix.MatrixRow;
import io.glooupgrade.selftest.matrix.VerificationStepsOfFeatures;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the step definitions declare they verify or perform ({@link Encodes}) is what the
 * traceability table and every compliance record say, so the declarations are held to the rules of
 * "verified": a definition that verifies a guide step names its observation, and a fault-matrix row
 * is caught at one of its Gherkin steps (else the check is not shown to be able to fail, and the
 * step must be declared performed). Every id is a step of the catalogue, and every Gherkin step of
 * the feature files runs exactly one definition.
 */
class GlueDeclarationsTest {

  private final StepDefinitions glue = StepDefinitions.ofGlue();
  private final Traceability traceability = Traceability.of(Path.of("features"));

  @Test
  void everyDeclaredIdIsAStepOfTheGuides() {
    Set<String> ids = traceability.guideSteps().stream().map(GuideStep::id).collect(Collectors.toSet());
    List<String> unknown = glue.all().stream().filter(d -> d.encodes().isPresent())
        .flatMap(d -> Stream.concat(Stream.of(d.encodes().get().verifies()), Stream.of(d.encodes().get().performs()))
            .filter(id -> !ids.contains(id)).map(id -> d.name() + ": " + id))
        .toList();
    assertThat(unknown).as("ids not in guides/steps.yaml").isEmpty();
  }

  @Test
  void aDefinitionThatVerifiesNamesWhatItObserves() {
    assertThat(glue.all().stream().filter(d -> d.encodes().map(e -> e.verifies().length > 0
        && e.observation().isBlank()).orElse(false)).map(StepDefinitions.Definition::name))
        .as("definitions that verify without an observation").isEmpty();
  }

  @Test
  void aDefinitionThatVerifiesIsMadeToFailByAFaultMatrixRow() {
    Set<StepDefinitions.Definition> caught = FaultMatrix.rows().stream().filter(r -> !r.recovers())
        .map(MatrixRow::expectedStep).map(VerificationStepsOfFeatures::withoutKeyword).map(glue::bind)
        .collect(Collectors.toSet());
    assertThat(glue.all().stream().filter(d -> d.encodes().map(e -> e.verifies().length > 0).orElse(false))
        .filter(d -> !caught.contains(d)).map(StepDefinitions.Definition::name))
        .as("definitions declared verifying that no fault-matrix row makes fail: give them a row, or declare "
            + "them performed").isEmpty();
  }

  @Test
  void aScenarioReportSaysWhatItVerifiesAndWhatItOnlyPerforms() throws java.io.IOException {
    Path feature = Path.of("features", "upgrade-steps.feature");
    int oss = java.nio.file.Files.readAllLines(feature).indexOf("  Scenario Outline: glooctl at the new version before "
        + "the upgrade (Upgrade Steps, step 3)") + 1 + 9; // the OSS Examples row
    assertThat(java.nio.file.Files.readAllLines(feature).get(oss - 1).strip()).isEqualTo("| OSS     |");
    String described = ScenarioEncodings.describe(feature, oss, List.of("@upgrade-steps.glooctl", "@oss"));
    assertThat(described).contains("verified Upgrade Steps 3.4 by \"glooctl check reports no problems\"; observed: "
        + Observed.GLOOCTL_CHECK)
        .contains("performed Upgrade Steps 3.2 by \"glooctl is upgraded to the Open Source version of the new version\"")
        .doesNotContain("5.4");
  }

  @Test
  void everyGherkinStepRunsExactlyOneDefinition() {
    // bind() throws on a step no definition matches, or several do.
    assertThat(traceability.scenarios().stream().flatMap(s -> s.stepTexts().stream()).map(glue::bind))
        .isNotEmpty();
  }
}
