package io.glooupgrade.selftest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.evidence.FaultMatrixCatches;
import io.glooupgrade.evidence.Traceability;
import io.glooupgrade.selftest.matrix.FaultMatrix;
import io.glooupgrade.selftest.matrix.ReadmeSection;
import io.glooupgrade.selftest.matrix.VerificationStepsOfFeatures;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TRACEABILITY.md is generated, never typed: this test regenerates it from the feature files and
 * fails when the committed file was stale (having rewritten it, so the fix is to commit it).
 */
class TraceabilityTableTest {

  private static final Path TABLE = Path.of("TRACEABILITY.md");
  private static final Path CATCHES = Path.of("src/test/resources" + FaultMatrixCatches.RESOURCE);
  private static final List<String> EDITIONS = List.of("oss", "enterprise", "federation");
  private static final List<String> SECTIONS = List.of("@upgrade-steps.prepare", "@upgrade-steps.review-changes",
      "@upgrade-steps.glooctl", "@upgrade-steps.crds", "@upgrade-steps.upgrade", "@canary.canary-upgrade",
      "@canary.canary-upgrade-fed", "@canary.rollback");

  @Test
  void theCommittedCatchesMatchTheFaultMatrix() throws IOException {
    Map<String, List<String>> byStep = new TreeMap<>();
    FaultMatrix.rows().stream().filter(r -> !r.recovers()).forEach(r -> byStep
        .computeIfAbsent(VerificationStepsOfFeatures.withoutKeyword(r.expectedStep()), s -> new ArrayList<>())
        .add(r.fault() + " x " + r.scenario().label() + " (" + r.edition() + ")"));
    String generated = FaultMatrixCatches.tsv(byStep);
    String committed = Files.exists(CATCHES) ? Files.readString(CATCHES) : "";
    if (!generated.equals(committed)) {
      Files.writeString(CATCHES, generated);
    }
    assertThat(committed).as("%s was stale and has been regenerated: commit it (and rerun for TRACEABILITY.md)",
        CATCHES).isEqualTo(generated);
  }

  @Test
  void theVerificationSectionOfDocsEvidenceMatchesTheDeclarations() throws IOException {
    ReadmeSection section = new ReadmeSection(Path.of("docs", "evidence.md"), "verification");
    String generated = section.withContent(Traceability.of(Path.of("features")).verificationMarkdown());
    String committed = Files.readString(section.file());
    if (!generated.equals(committed)) {
      Files.writeString(section.file(), generated);
    }
    assertThat(committed).as("docs/evidence.md's verification section was stale and has been regenerated: commit it")
        .isEqualTo(generated);
  }

  @Test
  void theCommittedTableMatchesTheFeatureFiles() throws IOException {
    String generated = Traceability.of(Path.of("features")).markdown();
    String committed = Files.exists(TABLE) ? Files.readString(TABLE) : "";
    if (!generated.equals(committed)) {
      Files.writeString(TABLE, generated);
    }
    assertThat(committed).as("TRACEABILITY.md was stale and has been regenerated: commit it").isEqualTo(generated);
  }

  @Test
  void everyScenarioHasExactlyOneEditionTagAndASectionTag() {
    for (Traceability.Scenario scenario : Traceability.of(Path.of("features")).scenarios()) {
      assertThat(scenario.tags().stream().filter(t -> EDITIONS.contains(t.substring(1))).count())
          .as("edition tags of %s in %s: %s", scenario.name(), scenario.feature(), scenario.tags()).isEqualTo(1);
      assertThat(scenario.tags()).as("section tags of %s in %s", scenario.name(), scenario.feature())
          .containsAnyElementsOf(SECTIONS);
    }
  }

  @Test
  void aGuideStepNoScenarioEncodesIsListedAsNotVerified() {
    String table = Traceability.of(Path.of("features")).markdown();
    assertThat(table).contains("| Upgrade Steps 2.3 |").contains("**not verified**");
  }
}
