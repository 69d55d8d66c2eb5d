package io.glooupgrade.selftest.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.glooupgrade.config.UpgradeVersions;
import io.glooupgrade.evidence.Traceability;
import io.glooupgrade.evidence.compliance.AllureResults;
import io.glooupgrade.evidence.compliance.ComplianceRecord;
import io.glooupgrade.evidence.compliance.EditionRun;
import io.glooupgrade.evidence.compliance.PathHop;
import io.glooupgrade.evidence.compliance.RecordFolder;
import io.glooupgrade.evidence.compliance.ScenarioOutcome;
import io.glooupgrade.evidence.compliance.Secrets;
import io.glooupgrade.evidence.compliance.TargetIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic OSS edition run for the record's self-tests: two real OSS scenarios of the CRD
 * section (so that real guide steps count as verified), one passed and one failed, each with a
 * fake Allure result whose attachments sit in a step, a nested step and an After hook's container,
 * written as the Allure adapter writes them.
 */
final class RecordFixture {

  static final String LICENCE_KEY = "embedded-trial-0f6c2a4e-9b1d-4c47-8e21-5a3f7d9c1b00";
  static final ObjectMapper JSON = new ObjectMapper();

  final Path allureResults;
  final List<Traceability.Row> rows = Traceability.of(Path.of("features")).rows();
  final List<ScenarioOutcome> outcomes = new ArrayList<>();
  final Map<String, TargetIdentity> targets = new LinkedHashMap<>();
  final Map<String, List<PathHop>> paths = new LinkedHashMap<>();

  RecordFixture(Path temp) throws IOException {
    allureResults = Files.createDirectories(temp.resolve("allure-results"));
    List<Traceability.Scenario> crds = Traceability.of(Path.of("features")).scenarios().stream()
        .filter(s -> s.edition().equals("oss") && s.tags().contains("@upgrade-steps.crds")).limit(2).toList();
    if (crds.size() < 2) {
      throw new IllegalStateException("features/ has fewer than two OSS scenarios tagged @upgrade-steps.crds");
    }
    scenario(crds.get(0), 83, ScenarioOutcome.PASSED, null, null, "helm upgrade output");
    scenario(crds.get(1), 108, ScenarioOutcome.FAILED, "Then glooctl check reports no problems",
        "glooctl check: 1 error: deployment gloo is not ready", "helm install output");
  }

  void scenario(Traceability.Scenario s, int line, String status, String failedStep, String message,
      String attachment) throws IOException {
    String id = "scenario-" + line;
    String uuid = "result-" + line;
    outcomes.add(new ScenarioOutcome(id, s.feature(), line, s.name(), s.tags(), status, failedStep, message,
        Instant.parse("2026-11-23T16:40:00Z").plusSeconds(line), Instant.parse("2026-11-23T16:41:00Z").plusSeconds(line)));
    targets.put(id, new TargetIdentity("embedded", Map.of("cluster", "embedded"),
        Map.of("cluster", "127.0.0.1:4" + line), "v1.31.4"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("uuid", uuid);
    result.put("name", s.name());
    result.put("fullName", "features/" + s.feature() + ":" + line);
    result.put("status", status);
    result.put("labels", s.tags().stream().map(t -> Map.of("name", "tag", "value", t.substring(1))).toList());
    result.put("steps", List.of(Map.of("name", "Given Gloo Edge is installed",
        "attachments", List.of(Map.of("name", "$ helm", "source", uuid + "-a-attachment.txt", "type", "text/plain")),
        "steps", List.of(Map.of("name", "nested", "attachments",
            List.of(Map.of("name", "values", "source", uuid + "-b-attachment.yaml", "type", "text/yaml")))))));
    result.put("attachments", List.of());
    JSON.writeValue(allureResults.resolve(uuid + "-result.json").toFile(), result);
    JSON.writeValue(allureResults.resolve("container-" + line + "-container.json").toFile(), Map.of(
        "uuid", "container-" + line, "children", List.of(uuid),
        "afters", List.of(Map.of("name", "closeTarget", "attachments",
            List.of(Map.of("name", "$ glooctl uninstall", "source", uuid + "-c-attachment.txt"))))));
    Files.writeString(allureResults.resolve(uuid + "-a-attachment.txt"), attachment + "\n");
    Files.writeString(allureResults.resolve(uuid + "-b-attachment.yaml"), "settings:\n  replicas: 1\n");
    Files.writeString(allureResults.resolve(uuid + "-c-attachment.txt"), "release \"gloo\" uninstalled\n");
  }

  EditionRun run() {
    return new EditionRun("oss", new UpgradeVersions("1.18.41", "1.19.20", "1.18.41"), outcomes, targets, paths,
        null);
  }

  RecordFolder.Written write(Path complianceRoot, Secrets secrets) {
    return RecordFolder.write(complianceRoot, "2026-11-23T16-40-00Z", run(), rows, AllureResults.in(allureResults),
        new ComplianceRecord.Harness("0.1.0-SNAPSHOT", "0123456789abcdef0123456789abcdef01234567"), secrets);
  }

  /** Runs the real {@code sha256sum -c manifest.sha256} inside the folder and returns its exit code. */
  static int sha256sumCheck(Path folder) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("sha256sum", "-c", "--quiet", "manifest.sha256").directory(folder.toFile())
        .redirectErrorStream(true).start();
    process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("sha256sum did not finish");
    }
    return process.exitValue();
  }
}
