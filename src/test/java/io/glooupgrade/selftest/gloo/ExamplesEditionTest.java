package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.Tag;
import io.cucumber.messages.types.TableRow;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.ExamplesEdition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Examples tables mean what they say: a Scenario Outline runs the edition its row names, and
 * a row whose edition cell and tag disagree is refused rather than run as the tag says.
 */
class ExamplesEditionTest {

  @TempDir
  Path dir;

  @Test
  void theRowNamesTheEditionItRuns() throws IOException {
    Path feature = Files.writeString(dir.resolve("x.feature"), """
        Feature: x
          Scenario Outline: y
            Given a step
            @oss
            Examples: Open Source
              | edition |
              | OSS     |
            @enterprise
            Examples: Enterprise
              | edition    |
              | Enterprise |
        """);
    assertThat(ExamplesEdition.of(feature, 7, List.of("@oss"))).isEqualTo(Edition.OSS);
    assertThat(ExamplesEdition.of(feature, 11, List.of("@enterprise"))).isEqualTo(Edition.ENTERPRISE);
    // A plain scenario line: its tag.
    assertThat(ExamplesEdition.of(feature, 2, List.of("@enterprise"))).isEqualTo(Edition.ENTERPRISE);
  }

  @Test
  void aRowWhoseCellAndTagDisagreeIsRefused() throws IOException {
    Path feature = Files.writeString(dir.resolve("x.feature"), """
        Feature: x
          Scenario Outline: y
            Given a step
            @oss
            Examples: Open Source
              | edition    |
              | Enterprise |
        """);
    assertThatThrownBy(() -> ExamplesEdition.of(feature, 7, List.of("@oss")))
        .hasMessage("x.feature:7: the Examples row says Enterprise but its tag selects @oss; make them agree");
  }

  @Test
  void everyExamplesRowOfTheFeatureFilesAgreesWithItsTag() throws IOException {
    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("features"))) {
      for (Path feature : files.filter(f -> f.toString().endsWith(".feature")).toList()) {
        for (Examples examples : examplesOf(feature)) {
          List<String> tags = examples.getTags().stream().map(Tag::getName).toList();
          for (TableRow row : examples.getTableBody()) {
            Edition edition = ExamplesEdition.of(feature, row.getLocation().getLine().intValue(), tags);
            assertThat(tags).contains(edition.tag());
            checked.add(feature.getFileName() + ":" + row.getLocation().getLine());
          }
        }
      }
    }
    assertThat(checked).as("Examples rows in features/").hasSizeGreaterThan(10);
  }

  private static List<Examples> examplesOf(Path feature) throws IOException {
    List<Examples> all = new ArrayList<>();
    GherkinParser.builder().includeSource(false).includePickles(false).includeGherkinDocument(true).build()
        .parse(feature).map(Envelope::getGherkinDocument).flatMap(Optional::stream)
        .flatMap(d -> d.getFeature().stream()).flatMap(f -> f.getChildren().stream())
        .forEach(c -> c.getScenario().ifPresent(s -> all.addAll(s.getExamples())));
    return all;
  }
}
