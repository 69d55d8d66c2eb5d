package io.glooupgrade.selftest.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The checks the feature files perform: every Then step and the And/But steps that follow it, by
 * their text without the keyword (a step used by several scenarios counts once).
 */
public final class VerificationStepsOfFeatures {

  private VerificationStepsOfFeatures() {
  }

  public static Set<String> in(Path featuresFolder) {
    Set<String> steps = new TreeSet<>();
    try (Stream<Path> files = Files.list(featuresFolder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".feature")).sorted().toList()) {
        boolean inThen = false;
        for (String line : Files.readAllLines(file)) {
          String text = line.strip();
          String keyword = text.contains(" ") ? text.substring(0, text.indexOf(' ')) : text;
          switch (keyword) {
            case "Then" -> {
              inThen = true;
              steps.add(withoutKeyword(text));
            }
            case "And", "But" -> {
              if (inThen) {
                steps.add(withoutKeyword(text));
              }
            }
            case "Given", "When", "Scenario:", "Scenario", "Background:", "Examples:" -> inThen = false;
            default -> { }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return steps;
  }

  public static String withoutKeyword(String step) {
    String text = step.strip();
    return text.contains(" ") ? text.substring(text.indexOf(' ') + 1) : text;
  }

}
