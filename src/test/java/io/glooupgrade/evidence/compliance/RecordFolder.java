package io.glooupgrade.evidence.compliance;

import io.glooupgrade.evidence.Traceability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one edition run's record folder, {@code <edition>-<from>-to-<to>/<timestamp>/}:
 * {@code evidence/} (each scenario's Allure result, hook containers and attachments, under their
 * own names so that {@code allure generate evidence} renders them), {@code record.json},
 * {@code record.md} and last {@code manifest.sha256}; then checks what it wrote (no secret, the
 * manifest verifies) and fails loudly if not.
 */
public final class RecordFolder {

  /** The folder written, the SHA-256 of its manifest (to keep apart from it), and what Allure lacked. */
  public record Written(Path folder, String manifestSha256, List<String> missingEvidence) {
  }

  private RecordFolder() {
  }

  public static Written write(Path complianceRoot, String timestamp, EditionRun run, List<Traceability.Row> rows,
      AllureResults allure, ComplianceRecord.Harness harness, Secrets secrets) {
    try {
      Path folder = newFolder(complianceRoot.resolve(run.folderName()), timestamp);
      Path evidenceDir = Files.createDirectories(folder.resolve("evidence"));
      Map<String, List<String>> evidence = new LinkedHashMap<>();
      List<String> missing = new ArrayList<>();
      List<String> masked = new ArrayList<>();
      for (ScenarioOutcome scenario : run.scenarios()) {
        List<Path> files = allure.evidenceOf(scenario);
        if (files.isEmpty()) {
          missing.add("no Allure result for " + scenario.featureFile() + ":" + scenario.line());
        }
        List<String> relative = new ArrayList<>();
        for (Path source : files) {
          String name = source.getFileName().toString();
          if (!Files.isRegularFile(source)) {
            missing.add(name);
            continue;
          }
          byte[] content = Files.readAllBytes(source);
          byte[] copy = secrets.mask(content);
          if (copy != content && !masked.contains("evidence/" + name)) {
            masked.add("evidence/" + name);
          }
          Files.write(evidenceDir.resolve(name), copy);
          relative.add("evidence/" + name);
        }
        evidence.put(scenario.id(), relative);
      }
      ComplianceRecord record = ComplianceRecord.of(run, rows, evidence, harness, secrets, missing, masked);
      String json = record.json();
      String markdown = RecordMarkdown.of(record);
      if (secrets.foundIn(json) + secrets.foundIn(markdown) > 0) {
        throw new IllegalStateException("the compliance record of " + run.folderName() + " would contain a secret");
      }
      Files.writeString(folder.resolve("record.json"), json);
      Files.writeString(folder.resolve("record.md"), markdown);
      String digest = Sha256Manifest.write(folder);
      List<String> problems = Sha256Manifest.verify(folder);
      if (!problems.isEmpty()) {
        throw new IllegalStateException("the compliance record " + folder + " does not verify against its own "
            + Sha256Manifest.FILE_NAME + ": " + problems);
      }
      return new Written(folder, digest, missing);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the compliance record of " + run.folderName(), e);
    }
  }

  // A record is never overwritten: a second run in the same second gets a suffix.
  private static Path newFolder(Path editionFolder, String timestamp) throws IOException {
    Files.createDirectories(editionFolder);
    for (int n = 1; ; n++) {
      Path candidate = editionFolder.resolve(n == 1 ? timestamp : timestamp + "-" + n);
      try {
        return Files.createDirectory(candidate);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // try the next suffix
      }
    }
  }
}
