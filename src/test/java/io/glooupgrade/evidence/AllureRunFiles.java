package io.glooupgrade.evidence;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestRunStarted;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A Cucumber plugin that prepares the run's raw Allure results as the report's readers expect:
 * {@code categories.json} (product defects apart from harness or infrastructure failures and
 * skipped steps), {@code executor.json} (local or CI, with the build's URL), and the previous
 * report's {@code history/}, copied in so that the trend spans runs.
 */
public final class AllureRunFiles implements ConcurrentEventListener {

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestRunStarted.class, event -> prepare());
  }

  private static void prepare() {
    String results = System.getProperty("allure.results.directory");
    if (results == null) {
      return;
    }
    try {
      Path dir = Files.createDirectories(Path.of(results));
      try (InputStream categories = AllureRunFiles.class.getResourceAsStream("/allure/categories.json")) {
        Files.copy(categories, dir.resolve("categories.json"), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(dir.resolve("executor.json"), Executor.fromEnvironment(System.getenv()).json());
      copyHistory(dir.resolveSibling("allure-report").resolve("history"), dir.resolve("history"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Allure results in " + results, e);
    }
  }

  // Allure computes the trend from the history/ of the results it is given: the last report's.
  private static void copyHistory(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
