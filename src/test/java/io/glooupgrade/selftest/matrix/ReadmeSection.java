package io.glooupgrade.selftest.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A section of a Markdown file between two marker comments, replaced as a whole. */
public record ReadmeSection(Path file, String name) {

  public String start() {
    return "<!-- " + name + ":start -->\n";
  }

  public String end() {
    return "<!-- " + name + ":end -->";
  }

  /** The file's text with the section's content replaced; fails if the markers are missing. */
  public String withContent(String content) throws IOException {
    String text = Files.readString(file);
    int from = text.indexOf(start());
    int to = text.indexOf(end());
    if (from < 0 || to < from) {
      throw new IllegalStateException(file + " has no section between " + start().strip() + " and " + end());
    }
    return text.substring(0, from + start().length()) + content + text.substring(to);
  }
}
