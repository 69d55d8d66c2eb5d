package io.glooupgrade.selftest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glooupgrade.evidence.Observed;
import io.glooupgrade.evidence.Traceability;
import io.glooupgrade.evidence.compliance.PathHop;
import io.glooupgrade.evidence.compliance.ScenarioOutcome;
import io.glooupgrade.evidence.compliance.RecordFolder;
import io.glooupgrade.evidence.compliance.Secrets;
import io.glooupgrade.evidence.compliance.TargetIdentity;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.kube.KubeconfigYaml;
import io.glooupgrade.kube.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a compliance record says: every numbered step of both guides, verified by which scenario
 * of this edition with which evidence, or failed at which step, or not verified and why; the
 * target without secrets; and no licence key or token anywhere in the folder.
 */
class ComplianceRecordTest {

  @TempDir
  Path temp;

  @Test
  void everyGuideStepIsListedAndOneNoScenarioVerifiedIsNotVerifiedWithItsReason() throws IOException {
    RecordFixture fixture = new RecordFixture(temp);
    Path folder = fixture.write(temp.resolve("compliance"), Secrets.of(List.of())).folder();
    JsonNode record = RecordFixture.JSON.readTree(folder.resolve("record.json").toFile());

    assertThat(folder).isEqualTo(temp.resolve("compliance/oss-1.18.41-to-1.19.20/2026-11-23T16-40-00Z"));
    assertThat(record.path("steps")).hasSize(fixture.rows.size()).hasSize(50);
    List<String> references = new ArrayList<>();
    record.path("steps").forEach(s -> references.add(s.path("reference").asText()));
    assertThat(references).isEqualTo(fixture.rows.stream().map(r -> r.step().reference()).toList());
    record.path("steps").forEach(s -> {
      assertThat(s.path("verdict").asText()).isIn("verified", "performed", "failed", "not verified");
      if (s.path("verdict").asText().equals("not verified")) {
        assertThat(s.path("reason").asText()).as(s.path("reference").asText()).isNotBlank();
        assertThat(s.has("scenarios")).isFalse();
      }
    });
    // A step no scenario can verify: the catalogue's reason. A Federation step: no OSS scenario.
    assertThat(step(record, "Upgrade Steps 2.3").path("reason").asText()).isEqualTo(manualReasonOf("Upgrade Steps 2.3"));
    assertThat(step(record, "Canary upgrade canary-upgrade-fed 1").path("reason").asText())
        .isEqualTo("no oss scenario encodes this step");
    assertThat(step(record, "Upgrade Steps 3.1").path("reason").asText())
        .startsWith("its oss scenarios were not selected in this run: ");
    assertThat(record.path("guideSteps").path("total").asInt()).isEqualTo(50);
    assertThat(record.path("guideSteps").path("notVerified").asInt()).isPositive();

    String markdown = Files.readString(folder.resolve("record.md"));
    for (String reference : references) {
      assertThat(markdown).contains("| " + reference + " |");
    }
    assertThat(markdown).contains("**not verified** | no oss scenario encodes this step");
  }

  @Test
  void aVerifiedStepNamesItsObservationAndFaultRowsAndAPerformedOneSaysNothingIndependentWasObserved()
      throws IOException {
    RecordFixture fixture = new RecordFixture(temp);
    Traceability.Scenario glooctl = Traceability.of(Path.of("features")).scenarios().stream()
        .filter(s -> s.edition().equals("oss") && s.tags().contains("@upgrade-steps.glooctl")).findFirst()
        .orElseThrow();
    fixture.scenario(glooctl, 55, ScenarioOutcome.PASSED, null, null, "glooctl check output");
    Path folder = fixture.write(temp.resolve("compliance"), Secrets.of(List.of())).folder();
    JsonNode record = RecordFixture.JSON.readTree(folder.resolve("record.json").toFile());

    JsonNode check = step(record, "Upgrade Steps 3.4");
    assertThat(check.path("verdict").asText()).isEqualTo("verified");
    assertThat(check.path("observation").asText()).isEqualTo(Observed.GLOOCTL_CHECK);
    assertThat(check.path("faultMatrixRows").toString()).contains("warnOnVirtualServicesAt(1.18.41)");
    assertThat(check.path("encodedBy").toString()).contains("glooctl check reports no problems");
    // glooctl upgrade --release: the harness sets its client version; nothing is observed.
    JsonNode upgrade = step(record, "Upgrade Steps 3.2");
    assertThat(upgrade.path("verdict").asText()).isEqualTo("performed");
    assertThat(upgrade.has("observation")).isFalse();
    assertThat(upgrade.has("faultMatrixRows")).isFalse();
    assertThat(upgrade.path("reason").asText()).isEqualTo("done by the harness; nothing independent of it was observed");
    assertThat(record.path("guideSteps").path("performed").asInt()).isPositive();
    assertThat(Files.readString(folder.resolve("record.md")))
        .contains("| Upgrade Steps 3.2 | Upgrade glooctl to the new version (glooctl upgrade --release) | **performed** |")
        .contains("| verified | " + Observed.GLOOCTL_CHECK + " | ");
  }

  @Test
  void aStepVerifiedByAFailedScenarioIsFailedWithTheFailingStepMessageAndEvidence() throws IOException {
    RecordFixture fixture = new RecordFixture(temp);
    Path folder = fixture.write(temp.resolve("compliance"), Secrets.of(List.of())).folder();
    JsonNode record = RecordFixture.JSON.readTree(folder.resolve("record.json").toFile());

    assertThat(record.path("run").path("status").asText()).isEqualTo("failed");
    assertThat(record.path("run").path("passed").asInt()).isOne();
    assertThat(record.path("run").path("failed").asInt()).isOne();
    JsonNode failedStep = null;
    for (JsonNode step : record.path("steps")) {
      if (step.path("verdict").asText().equals("failed")) {
        failedStep = step;
        break;
      }
    }
    assertThat(failedStep).as("a guide step the failed scenario encodes").isNotNull();
    JsonNode failed = null;
    for (JsonNode s : failedStep.path("scenarios")) {
      failed = s.path("status").asText().equals("failed") ? s : failed;
    }
    assertThat(failed.path("failedStep").asText()).isEqualTo("Then glooctl check reports no problems");
    assertThat(failed.path("message").asText()).isEqualTo("glooctl check: 1 error: deployment gloo is not ready");
    List<String> evidence = new ArrayList<>();
    failed.path("evidence").forEach(e -> evidence.add(e.asText()));
    // The result, its hook container, and the attachments of a step, a nested step and the After hook.
    assertThat(evidence).containsExactlyInAnyOrder("evidence/result-108-result.json",
        "evidence/container-108-container.json", "evidence/result-108-a-attachment.txt",
        "evidence/result-108-b-attachment.yaml", "evidence/result-108-c-attachment.txt");
    for (String file : evidence) {
      assertThat(folder.resolve(file)).hasSameBinaryContentAs(fixture.allureResults.resolve(file.substring(9)));
    }
    assertThat(record.has("missingEvidence")).isFalse();
    assertThat(record.path("versions").toString())
        .isEqualTo("{\"from\":\"1.18.41\",\"to\":\"1.19.20\",\"rollback\":\"1.18.41\"}");
    assertThat(record.path("harness").path("commit").asText()).hasSize(40);
  }

  @Test
  void aScenarioWithoutAllureResultIsReportedAsMissingEvidence() throws IOException {
    RecordFixture fixture = new RecordFixture(temp);
    Files.delete(fixture.allureResults.resolve("result-83-result.json"));
    Files.delete(fixture.allureResults.resolve("result-108-b-attachment.yaml"));

    RecordFolder.Written written = fixture.write(temp.resolve("compliance"), Secrets.of(List.of()));

    assertThat(written.missingEvidence()).containsExactly("no Allure result for upgrade-steps.feature:83",
        "result-108-b-attachment.yaml");
    assertThat(Files.readString(written.folder().resolve("record.json"))).contains("\"missingEvidence\"");
  }

  @Test
  void noLicenceKeyOrTokenReachesTheRecordEvenWhenTheRunHandedOneOver() throws Exception {
    RecordFixture fixture = new RecordFixture(temp);
    Traceability.Scenario crds = Traceability.of(Path.of("features")).scenarios().stream()
        .filter(s -> s.edition().equals("oss") && s.tags().contains("@upgrade-steps.upgrade")).findFirst().orElseThrow();
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    fixture.scenario(crds, 140, "failed", "When the Helm release is upgraded with license_key " + RecordFixture.LICENCE_KEY,
        "helm upgrade failed: license_key=" + RecordFixture.LICENCE_KEY + " rejected; Authorization: Bearer " + jwt
            + "; token: s3cr3t-service-account-token",
        "helm upgrade --set license_key=" + RecordFixture.LICENCE_KEY);

    Path folder = fixture.write(temp.resolve("compliance"), Secrets.of(List.of(RecordFixture.LICENCE_KEY))).folder();

    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(RecordFixture.LICENCE_KEY);
      }
    }
    for (String text : List.of(Files.readString(folder.resolve("record.json")), Files.readString(folder.resolve("record.md")))) {
      assertThat(text).doesNotContain(RecordFixture.LICENCE_KEY, jwt, "s3cr3t-service-account-token", "embedded-trial-")
          .contains(Secrets.MASK);
    }
    // The copied attachment had the key masked, and says so; the folder still verifies.
    assertThat(Files.readString(folder.resolve("evidence/result-140-a-attachment.txt")))
        .isEqualTo("helm upgrade --set license_key=" + Secrets.MASK + "\n");
    assertThat(Files.readString(folder.resolve("record.json"))).contains("evidence/result-140-a-attachment.txt");
    assertThat(RecordFixture.JSON.readTree(folder.resolve("record.json").toFile()).path("maskedEvidence").toString())
        .contains("evidence/result-140-a-attachment.txt");
    assertThat(RecordFixture.sha256sumCheck(folder)).isZero();
  }

  @Test
  void theTargetIsIdentifiedByContextAndApiServerNeverByItsCredentials() throws IOException {
    Path kubeconfig = temp.resolve("kubeconfig");
    Files.writeString(kubeconfig, KubeconfigYaml.of("staging-eu", "https://admin:p4ssw0rd@10.1.2.3:6443/k8s",
        "s3cr3t-bearer-token"));
    Target target = Target.of("kubeconfig", new KubeContext("staging-eu", kubeconfig), Map.of(), List.of());

    TargetIdentity identity = TargetIdentity.of(target);

    assertThat(identity).isEqualTo(new TargetIdentity("kubeconfig", Map.of("staging-eu", "staging-eu"),
        Map.of("staging-eu", "10.1.2.3:6443"), "unknown"));
    assertThat(RecordFixture.JSON.writeValueAsString(identity)).doesNotContain("s3cr3t", "p4ssw0rd", "admin");
  }

  private static JsonNode step(JsonNode record, String reference) {
    for (JsonNode step : record.path("steps")) {
      if (step.path("reference").asText().equals(reference)) {
        return step;
      }
    }
    throw new AssertionError("no step " + reference + " in the record");
  }

  private static String manualReasonOf(String reference) {
    return Traceability.of(Path.of("features")).rows().stream().filter(r -> r.step().reference().equals(reference))
        .findFirst().orElseThrow().step().manual();
  }

  @Test
  void aScenarioThatPerformedThePathListsEveryHopWithItsVerdictPerGuideStep() throws IOException {
    RecordFixture fixture = new RecordFixture(temp);
    Traceability.Scenario path = Traceability.of(Path.of("features")).scenarios().stream()
        .filter(s -> s.edition().equals("oss") && s.tags().contains("@upgrade-path")).findFirst().orElseThrow();
    fixture.scenario(path, 26, ScenarioOutcome.FAILED, "When every hop of the path is performed", "stopped at hop 2",
        "hop evidence");
    String id = fixture.outcomes.get(fixture.outcomes.size() - 1).id();
    fixture.paths.put(id, List.of(
        new PathHop("hop 1 of 2: 1.17.38 -> 1.18.41 (latest patch of 1.18)", "5.1", "upgrade", "passed", ""),
        new PathHop("hop 2 of 2: 1.18.41 -> 1.19.20 (the new version)", "4.2.1", "delete the CRDs the hop removes",
            "failed", "a CRD still holds the licence secret-key-123"),
        new PathHop("hop 2 of 2: 1.18.41 -> 1.19.20 (the new version)", "5.1", "upgrade", "not reached", "")));
    Path folder = fixture.write(temp.resolve("compliance"), Secrets.of(List.of("secret-key-123"))).folder();
    JsonNode record = RecordFixture.JSON.readTree(folder.resolve("record.json").toFile());

    JsonNode entry = null;
    for (JsonNode s : record.path("scenarios")) {
      entry = s.path("upgradePath").isArray() ? s : entry;
    }
    assertThat(entry).as("the scenario that performed the path").isNotNull();
    assertThat(entry.path("upgradePath")).hasSize(3);
    assertThat(entry.path("upgradePath").get(1).path("verdict").asText()).isEqualTo("failed");
    assertThat(entry.path("upgradePath").get(1).path("detail").asText()).doesNotContain("secret-key-123");
    assertThat(Files.readString(folder.resolve("record.md"))).contains("## Upgrade path: ")
        .contains("| hop 2 of 2: 1.18.41 -> 1.19.20 (the new version) | 4.2.1 delete the CRDs the hop removes | failed |");
  }
}
