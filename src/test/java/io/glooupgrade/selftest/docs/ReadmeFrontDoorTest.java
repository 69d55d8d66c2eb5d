package io.glooupgrade.selftest.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md is a front door (issue 17): short, first the two commands, and every link it and
 * docs/ hold leads somewhere a clone of the repository has. The only public pages linked are the
 * two guides the harness encodes.
 */
class ReadmeFrontDoorTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().normalize();
  private static final Path README = ROOT.resolve("README.md");
  private static final long MAX_README_BYTES = 15_360;
  private static final Set<String> PUBLIC_PAGES = Set.of(
      "https://docs.solo.io/gloo-edge/latest/operations/upgrading/upgrade_steps/",
      "https://docs.solo.io/gloo-edge/latest/operations/upgrading/canary/");
  /** A Markdown inline link or image: the target up to the first blank or closing parenthesis. */
  private static final Pattern LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

  @Test
  void theReadmeIsAtMost15KiB() throws IOException {
    assertThat(Files.size(README)).as("README.md in bytes: move reference material to docs/")
        .isLessThanOrEqualTo(MAX_README_BYTES);
  }

  @Test
  void theReadmeStartsWithTheMainJobAndTheTests() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int fence = lines.indexOf("```bash");
    assertThat(fence).as("the README's first code block").isBetween(0, 3);
    assertThat(lines.get(fence + 1)).startsWith("mvn -B verify ");
    assertThat(lines.subList(fence + 1, fence + 5)).anyMatch(l -> l.startsWith("mvn -B test "));
  }

  @Test
  void theReadmeLinksNothingAboveTheRepository() throws IOException {
    String text = Files.readString(README);
    assertThat(links(text)).as("links of README.md").noneMatch(l -> l.startsWith("../") || l.contains("/../"));
    assertThat(text).doesNotContain("../shared");
  }

  @Test
  void everyRelativeLinkOfTheReadmeAndDocsLeadsToAFileOfTheRepository() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path file : markdownFiles()) {
      for (String link : links(Files.readString(file))) {
        if (link.startsWith("#") || link.startsWith("http://") || link.startsWith("https://")) {
          continue;
        }
        String path = link.replaceFirst("#.*$", "");
        Path target = file.getParent().resolve(path).normalize();
        if (link.contains(":") || !target.startsWith(ROOT) || !Files.exists(target)) {
          broken.add(ROOT.relativize(file) + ": " + link);
        }
      }
    }
    assertThat(broken).as("links to paths outside the repository or that do not exist").isEmpty();
  }

  @Test
  void thePublicPagesLinkedAreTheTwoGuidesOnly() throws IOException {
    List<String> others = new ArrayList<>();
    for (Path file : markdownFiles()) {
      links(Files.readString(file)).stream().filter(l -> l.startsWith("http://") || l.startsWith("https://"))
          .filter(l -> !PUBLIC_PAGES.contains(l)).forEach(l -> others.add(ROOT.relativize(file) + ": " + l));
    }
    assertThat(others).isEmpty();
  }

  @Test
  void noDocumentPointsAtTheSharedFolderOutsideTheRepository() throws IOException {
    List<Path> files = new ArrayList<>(markdownFiles());
    files.add(ROOT.resolve("TRACEABILITY.md"));
    for (Path file : files) {
      assertThat(Files.readString(file)).as(ROOT.relativize(file).toString())
          .doesNotContain("../shared").doesNotContain("shared/procedures");
    }
  }

  @Test
  void theLinkPatternFindsInlineLinksAndSkipsCode() {
    assertThat(links("see [a](docs/a.md#x) and [b](https://example.org/ \"t\")\n```\n[c](nowhere.md)\n```\n"))
        .containsExactly("docs/a.md#x", "https://example.org/");
  }

  private static List<Path> markdownFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(README));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  /** The targets of the inline links outside fenced code blocks. */
  static List<String> links(String markdown) {
    List<String> targets = new ArrayList<>();
    boolean inFence = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      Matcher m = LINK.matcher(line);
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    return targets;
  }
}
