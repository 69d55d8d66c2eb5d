package io.glooupgrade.evidence.compliance;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code record.md}: the compliance record as a person reads it, the same facts as record.json. */
public final class RecordMarkdown {

  private RecordMarkdown() {
  }

  public static String of(ComplianceRecord r) {
    ComplianceRecord.Run run = r.run();
    StringBuilder md = new StringBuilder();
    md.append("# Compliance record: Gloo Edge ").append(r.edition()).append(' ').append(r.versions().from())
        .append(" to ").append(r.versions().to()).append("\n\n")
        .append("| | |\n|---|---|\n")
        .append(row("Edition", r.edition()))
        .append(row("Versions", "from " + r.versions().from() + " to " + r.versions().to() + ", rollback to "
            + r.versions().rollback()))
        .append(row("Target", String.join(", ", r.target().kinds()) + "; contexts " + roles(r.target().contexts())
            + "; API servers " + roles(r.target().apiServers()) + "; Kubernetes "
            + String.join(", ", r.target().kubernetesVersions())))
        .append(row("Run (UTC)", run.started() + " to " + run.finished()))
        .append(row("Status", "**" + run.status() + "**: " + run.scenarios() + " scenarios, " + run.passed()
            + " passed, " + run.failed() + " failed, " + run.skipped() + " skipped"
            + (run.interrupted() == null ? "" : "; " + run.interrupted())))
        .append(row("Harness", r.harness().version() + " at commit " + r.harness().commit()))
        .append(row("Guide steps", r.guideSteps().verified() + " verified, " + r.guideSteps().performed()
            + " performed only, " + r.guideSteps().failed() + " failed, " + r.guideSteps().notVerified()
            + " not verified, of " + r.guideSteps().total()));
    if (r.missingEvidence() != null) {
      md.append(row("Missing evidence", String.join(", ", r.missingEvidence())));
    }
    if (r.maskedEvidence() != null) {
      md.append(row("Evidence with a secret masked", String.join(", ", r.maskedEvidence())));
    }
    md.append("\n## Every numbered step of the two guides\n\n")
        .append("Verified: what was observed on the target, and the fault-matrix rows that prove the observation "
            + "can fail. Performed: the harness did the step; nothing independent of it was observed.\n\n")
        .append("| Guide step | What it asks | Verdict | Observed, or why not verified | Fault-matrix rows | "
            + "Encoded by | Scenarios of this run (status) | Evidence |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (ComplianceRecord.StepEntry step : r.steps()) {
      String scenarios = step.scenarios() == null ? ""
          : step.scenarios().stream().map(RecordMarkdown::scenario).collect(Collectors.joining("<br>"));
      String evidence = step.scenarios() == null ? "" : step.scenarios().stream()
          .map(s -> s.evidence().isEmpty() ? "none" : link(s.evidence().get(0)) + " (+" + (s.evidence().size() - 1)
              + " files)").collect(Collectors.joining("<br>"));
      md.append("| ").append(cell(step.reference())).append(" | ").append(cell(step.title())).append(" | ")
          .append(step.verdict().equals(ComplianceRecord.VERIFIED) ? step.verdict() : "**" + step.verdict() + "**")
          .append(" | ").append(cell(step.observation() != null ? step.observation() : step.reason()))
          .append(" | ").append(cell(step.faultMatrixRows() == null ? "" : String.join(", ", step.faultMatrixRows())))
          .append(" | ").append(cell(step.encodedBy() == null ? "" : String.join("; ", step.encodedBy())))
          .append(" | ").append(cell(scenarios)).append(" | ").append(evidence).append(" |\n");
    }
    md.append("\n## Scenarios\n\n| Scenario | Where | Tags | Status | Failing step | Message | Evidence |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (ComplianceRecord.ScenarioEntry s : r.scenarios()) {
      md.append("| ").append(cell(s.name())).append(" | ").append(s.feature()).append(':').append(s.line())
          .append(" | ").append(cell(String.join(" ", s.tags()))).append(" | ").append(s.status()).append(" | ")
          .append(cell(s.failedStep())).append(" | ").append(cell(firstLine(s.message()))).append(" | ")
          .append(s.evidence().stream().map(RecordMarkdown::link).collect(Collectors.joining(" "))).append(" |\n");
    }
    for (ComplianceRecord.ScenarioEntry s : r.scenarios()) {
      if (s.upgradePath() != null) {
        md.append("\n## Upgrade path: ").append(cell(s.name())).append("\n\n| Hop | Upgrade Steps | Verdict | Why |\n")
            .append("|---|---|---|---|\n");
        s.upgradePath().forEach(h -> md.append("| ").append(cell(h.hop())).append(" | ").append(h.step()).append(' ')
            .append(cell(h.title())).append(" | ").append(h.verdict()).append(" | ").append(cell(firstLine(h.detail())))
            .append(" |\n"));
      }
    }
    md.append("\nIntegrity: ").append(r.integrity()).append(" (`sha256sum -c ").append(Sha256Manifest.FILE_NAME)
        .append("`).\n");
    return md.toString();
  }

  private static String scenario(ComplianceRecord.ScenarioEntry s) {
    return s.name() + " (" + s.status() + ")"
        + (s.failedStep() == null ? "" : ": failed at \"" + s.failedStep() + "\": " + firstLine(s.message()));
  }

  private static String roles(Map<String, List<String>> byRole) {
    return byRole.entrySet().stream().map(e -> e.getKey() + "=" + String.join("/", e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String link(String path) {
    return "[" + path.substring(path.lastIndexOf('/') + 1) + "](" + path + ")";
  }

  private static String row(String name, String value) {
    return "| " + name + " | " + cell(value) + " |\n";
  }

  private static String firstLine(String text) {
    return text == null ? null : text.strip().lines().findFirst().orElse("");
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
  }
}
