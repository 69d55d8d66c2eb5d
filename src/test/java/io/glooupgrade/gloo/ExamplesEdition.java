package io.glooupgrade.gloo;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.TableCell;
import io.cucumber.messages.types.TableRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The edition a Scenario Outline runs for one of its Examples rows: the row's {@code edition}
 * cell, which the reader sees. The row's edition tag ({@code @oss}, {@code @enterprise}) selects it
 * with {@code -Dgroups}; a row whose cell and tag disagree is refused, so the table and the
 * selection can never say different things.
 */
public final class ExamplesEdition {

  private static final String COLUMN = "edition";

  private ExamplesEdition() {
  }

  /**
   * The edition of the scenario at {@code line} of {@code feature}: its Examples row's cell when it
   * has one, else its tag.
   */
  public static Edition of(Path feature, int line, Collection<String> tags) {
    Edition tagged = Edition.ofTags(tags);
    Optional<String> cell = cellAt(feature, line);
    if (cell.isEmpty()) {
      return tagged;
    }
    Edition named = Stream.of(Edition.values())
        .filter(e -> e.displayName().equalsIgnoreCase(cell.get()) || e.name().equalsIgnoreCase(cell.get()))
        .findFirst().orElseThrow(() -> new IllegalArgumentException(feature.getFileName() + ":" + line
            + ": the Examples row names an edition the harness does not know: '" + cell.get() + "'"));
    if (named != tagged) {
      throw new IllegalArgumentException(feature.getFileName() + ":" + line + ": the Examples row says "
          + named.displayName() + " but its tag selects " + tagged.tag() + "; make them agree");
    }
    return named;
  }

  /** The {@code edition} cell of the Examples row at that line, if the line is one. */
  static Optional<String> cellAt(Path feature, int line) {
    for (Examples examples : examples(feature)) {
      if (examples.getTableHeader().isEmpty()) {
        continue;
      }
      List<TableCell> header = examples.getTableHeader().get().getCells();
      int column = -1;
      for (int i = 0; i < header.size(); i++) {
        column = COLUMN.equals(header.get(i).getValue()) ? i : column;
      }
      for (TableRow row : examples.getTableBody()) {
        if (row.getLocation().getLine() == line && column >= 0) {
          return Optional.of(row.getCells().get(column).getValue());
        }
      }
    }
    return Optional.empty();
  }

  private static List<Examples> examples(Path feature) {
    try {
      List<Examples> all = new ArrayList<>();
      GherkinParser.builder().includeSource(false).includePickles(false).includeGherkinDocument(true).build()
          .parse(feature).map(Envelope::getGherkinDocument).flatMap(Optional::stream)
          .map(GherkinDocument::getFeature).flatMap(Optional::stream)
          .flatMap(f -> f.getChildren().stream()).forEach(child -> collect(child, all));
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + feature, e);
    }
  }

  private static void collect(FeatureChild child, List<Examples> all) {
    child.getScenario().ifPresent(s -> all.addAll(s.getExamples()));
    child.getRule().ifPresent(rule -> rule.getChildren().stream().map(RuleChild::getScenario)
        .flatMap(Optional::stream).forEach(s -> all.addAll(s.getExamples())));
  }
}
