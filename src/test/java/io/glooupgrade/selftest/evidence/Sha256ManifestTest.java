package io.glooupgrade.selftest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.evidence.compliance.RecordFolder;
import io.glooupgrade.evidence.compliance.Secrets;
import io.glooupgrade.evidence.compliance.Sha256Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record is tamper-evident with standard tools: {@code sha256sum -c manifest.sha256} in its
 * folder passes as written and fails once any byte of any file changes or a file is removed.
 * sha256sum ignores a file added to the folder; the harness's own verifier reports it.
 */
class Sha256ManifestTest {

  @TempDir
  Path temp;
  private Path folder;

  @BeforeEach
  void writeRecord() throws IOException {
    RecordFolder.Written written = new RecordFixture(temp).write(temp.resolve("compliance"), Secrets.of(List.of()));
    folder = written.folder();
  }

  @Test
  void theManifestIsInSha256sumFormatOverEveryFileButItself() throws IOException {
    List<String> lines = Files.readAllLines(folder.resolve(Sha256Manifest.FILE_NAME));
    List<String> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString())
          .filter(f -> !f.equals(Sha256Manifest.FILE_NAME)).sorted().toList();
    }
    assertThat(lines).allMatch(l -> l.matches("[0-9a-f]{64}  [^ ].*"));
    assertThat(lines.stream().map(l -> l.substring(66)).toList()).isEqualTo(files).isSorted()
        .contains("record.json", "record.md", "evidence/result-83-result.json", "evidence/result-83-b-attachment.yaml");
  }

  @Test
  void sha256sumVerifiesTheRecordAsWritten() throws Exception {
    assertThat(RecordFixture.sha256sumCheck(folder)).isZero();
    assertThat(Sha256Manifest.verify(folder)).isEmpty();
  }

  @Test
  void changingOneByteOfAnEvidenceFileFailsTheCheck() throws Exception {
    Path evidence = folder.resolve("evidence/result-108-c-attachment.txt");
    byte[] bytes = Files.readAllBytes(evidence);
    bytes[0] ^= 1;
    Files.write(evidence, bytes);

    assertThat(RecordFixture.sha256sumCheck(folder)).isNotZero();
    assertThat(Sha256Manifest.verify(folder))
        .containsExactly("evidence/result-108-c-attachment.txt: changed (SHA-256 does not match)");
  }

  @Test
  void changingTheRecordItselfFailsTheCheck() throws Exception {
    Path record = folder.resolve("record.json");
    Files.writeString(record, Files.readString(record).replace("\"failed\"", "\"passed\""));

    assertThat(RecordFixture.sha256sumCheck(folder)).isNotZero();
    assertThat(Sha256Manifest.verify(folder)).containsExactly("record.json: changed (SHA-256 does not match)");
  }

  @Test
  void removingAFileFailsTheCheck() throws Exception {
    Files.delete(folder.resolve("evidence/result-83-result.json"));

    assertThat(RecordFixture.sha256sumCheck(folder)).isNotZero();
    assertThat(Sha256Manifest.verify(folder)).containsExactly("evidence/result-83-result.json: missing");
  }

  @Test
  void anAddedFileIsIgnoredBySha256sumButReportedByTheHarnessVerifier() throws Exception {
    Files.writeString(folder.resolve("evidence/forged-result.json"), "{}");

    // sha256sum -c checks the files the manifest lists, and nothing else: a limitation of the tool.
    assertThat(RecordFixture.sha256sumCheck(folder)).isZero();
    assertThat(Sha256Manifest.verify(folder)).containsExactly("evidence/forged-result.json: not in the manifest");
  }
}
