package io.glooupgrade.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.evidence.Traceability;
import io.glooupgrade.selftest.matrix.Catchers;
import io.glooupgrade.selftest.matrix.FaultMatrix;
import io.glooupgrade.selftest.matrix.FaultMatrixReport;
import io.glooupgrade.selftest.matrix.MatrixResult;
import io.glooupgrade.selftest.matrix.MatrixRow;
import io.glooupgrade.selftest.matrix.NoFaultResult;
import io.glooupgrade.selftest.matrix.NoFaultRun;
import io.glooupgrade.selftest.matrix.ReadmeSection;
import io.glooupgrade.selftest.matrix.RowRunner;
import io.glooupgrade.selftest.matrix.UnreachedCheck;
import io.glooupgrade.selftest.matrix.VerificationStepsOfFeatures;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fault matrix (issue 8): each row of {@link FaultMatrix} runs its real scenario with the
 * twin's fault on and must fail at the step that should catch it, in the user's words, caught by
 * the expected check; every scenario of the feature files runs with no fault and must pass. The
 * rows run side by side (RowRunner) while the no-fault run goes on beside them (NoFaultRun). The
 * evidence is written to {@code reports/fault-matrix.json} before anything is asserted on the
 * whole, and the table of docs/fault-matrix.md is regenerated from that file (the test fails when
 * the committed table was stale, having rewritten it, as TraceabilityTableTest does).
 *
 * <p>It lives in {@code selftest} itself, its parts in {@code selftest/matrix}: surefire takes the
 * classes in alphabetical order (pom.xml), so this longest one starts first in one JVM while the
 * other JVM runs the rest.
 */
class FaultMatrixTest {

  private static final Path FEATURES = Path.of("features");
  private static final Path REPORT = Path.of("reports", "fault-matrix.json");
  private static final ReadmeSection TABLE = new ReadmeSection(Path.of("docs", "fault-matrix.md"), "fault-matrix");

  private final List<MatrixResult> results = new ArrayList<>();
  private final List<NoFaultResult> noFault = new ArrayList<>();

  @TestFactory
  Stream<DynamicNode> faultMatrix() throws Exception {
    NoFaultRun clean = NoFaultRun.start(FEATURES, Files.createTempDirectory("fault-matrix"));
    RowRunner running = RowRunner.start(FaultMatrix.rows());
    Stream<DynamicNode> rows = Stream.of(DynamicContainer.dynamicContainer("each fault fails its scenario at the "
        + "step that should catch it", FaultMatrix.rows().stream().map(row -> faultRow(row, running))));
    Stream<DynamicNode> withoutFault = Stream.of(
        DynamicTest.dynamicTest("every scenario of the feature files passes without a fault", () -> noFault(clean)));
    Stream<DynamicNode> evidence = Stream.of(
        DynamicTest.dynamicTest("the matrix is written and every fault detected, with no false positive",
            this::writeAndJudge),
        DynamicTest.dynamicTest("docs/fault-matrix.md matches the report", FaultMatrixTest::tableMatches));
    return Stream.of(rows, withoutFault, evidence).flatMap(s -> s).onClose(() -> {
      running.stop();
      clean.stop();
    });
  }

  private DynamicTest faultRow(MatrixRow row, RowRunner running) {
    return DynamicTest.dynamicTest(row.fault() + " x " + row.scenario().label() + " (" + row.edition() + ")", () -> {
      ScenarioRun.Outcome outcome = running.outcome(row);
      MatrixResult result = MatrixResult.of(row, outcome);
      results.add(result);
      if (row.recovers()) {
        assertThat(outcome.passed()).as("the harness recovers from %s as the guide says: %s", row.fault(), outcome)
            .isTrue();
        return;
      }
      assertThat(outcome.passed()).as("%s must make the scenario fail", row.fault()).isFalse();
      assertThat(outcome.failedStep()).as("the step that caught %s (%s)", row.fault(), outcome.error())
          .isEqualTo(row.expectedStep());
      assertThat(outcome.error()).contains(row.messageFragment());
      assertThat(result.check()).as("the check that caught it; harness classes on the stack: %s",
          Catchers.of(outcome.thrown())).isEqualTo(row.check());
    });
  }

  private void noFault(NoFaultRun run) throws Exception {
    noFault.addAll(run.await());
    Map<String, Long> expected = Traceability.of(FEATURES).scenarios().stream()
        .filter(s -> !s.tags().contains("@installed-release")).collect(Collectors.groupingBy(
            s -> s.feature() + " @" + s.edition(), TreeMap::new, Collectors.counting()));
    Map<String, Long> ran = noFault.stream().collect(Collectors.groupingBy(
        n -> n.feature() + " @" + n.edition(), TreeMap::new, Collectors.counting()));
    assertThat(ran).as("scenarios run without a fault, per feature file and edition").isEqualTo(expected);
    assertThat(noFault.stream().filter(n -> !n.passed()).map(n -> n.feature() + " " + n.scenario() + " @"
        + n.edition() + ": " + n.failedStep() + " / " + n.message())).as("false positives").isEmpty();
  }

  private void writeAndJudge() throws Exception {
    Set<String> caught = new TreeSet<>();
    results.stream().filter(r -> r.detected() && !r.row().recovers())
        .forEach(r -> caught.add(VerificationStepsOfFeatures.withoutKeyword(r.caughtAtStep())));
    List<String> unreached = VerificationStepsOfFeatures.in(FEATURES).stream().filter(s -> !caught.contains(s))
        .toList();
    FaultMatrixReport.write(FaultMatrixReport.json(results, noFault, unreached), REPORT);

    assertThat(results).as("rows run").hasSize(FaultMatrix.rows().size());
    assertThat(results.stream().filter(r -> !r.detected()).map(r -> r.row().fault() + " x "
        + r.row().scenario().label() + ": " + r.caughtAtStep() + " / " + r.message()))
        .as("rows not detected (see %s)", REPORT).isEmpty();
    assertThat(noFault.stream().filter(n -> !n.passed()).map(n -> n.feature() + " " + n.scenario() + " @"
        + n.edition() + ": " + n.failedStep())).as("false positives").isEmpty();
    assertThat(FaultMatrixReport.faults(results)).as("faults in the matrix").hasSizeGreaterThanOrEqualTo(12);
    assertThat(Stream.concat(FaultMatrixReport.faults(results).keySet().stream(),
        FaultMatrix.notRows().keySet().stream())).as("every switch the twin's Faults offers has a row, or says why not")
        .containsAll(Arrays.stream(Faults.class.getMethods()).filter(m -> m.getReturnType() == Faults.class
            && !Modifier.isStatic(m.getModifiers())).map(Method::getName).collect(Collectors.toSet()));
    assertThat(unreached).as("verification steps that no row catches must be listed, with why, in "
        + "FaultMatrix.unreached()").containsExactlyInAnyOrderElementsOf(
            FaultMatrix.unreached().stream().map(UnreachedCheck::step).toList());
  }

  private static void tableMatches() throws Exception {
    assertThat(REPORT).as("the matrix report, written by the test before").exists();
    JsonNode json = FaultMatrixReport.read(REPORT);
    String committed = Files.readString(TABLE.file());
    String generated = TABLE.withContent(FaultMatrixReport.markdown(json));
    if (!generated.equals(committed)) {
      Files.writeString(TABLE.file(), generated);
    }
    assertThat(committed).as("docs/fault-matrix.md was stale and has been regenerated: commit it")
        .isEqualTo(generated);
  }
}
