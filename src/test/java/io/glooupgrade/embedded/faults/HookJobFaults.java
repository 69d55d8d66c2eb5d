package io.glooupgrade.embedded.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The faults of a gloo chart's hook Jobs, written into its templates: a script that fails, a Job
 * that is not there, a cleanup that reaches too far, a Role that lacks a verb. Each edit must
 * change the template, or the fault would show nothing and the edit fails.
 */
final class HookJobFaults {

  /** Each script-running Job by the template that defines its script. */
  private static final Map<String, String> SCRIPT_DEFINES = Map.of(
      "gloo-resource-migration", "gloo.resourceMigrationScript",
      "gloo-resource-rollout-cleanup", "gloo.resourceRolloutCleanupScript",
      "gloo-resource-rollout-check", "gloo.resourceRolloutCheckScript",
      "gloo-resource-rollout", "gloo.resourceRolloutScript",
      "gloo-resource-cleanup", "gloo.resourceCleanupScript");
  private static final String CERTGEN = "templates/6.5-gateway-certgen-job.yaml";
  private static final String CLEANUP = "templates/6-resource-cleanup-job.yaml";
  private static final String ROLLOUT_CLEANUP = "templates/6-resource-rollout-cleanup-job.yaml";

  private HookJobFaults() {
  }

  static boolean touch(String version, Faults faults) {
    return faults.failingHookJob(version).isPresent() || faults.certgenMissing(version)
        || faults.cleanupDeletesUsersResources(version) || faults.rolloutCleanupUnableToDelete(version)
        || faults.webhookTrustsAnotherCaAt(version);
  }

  static void apply(Path chart, String version, Faults faults) throws IOException {
    if (faults.failingHookJob(version).isPresent()) {
      String job = faults.failingHookJob(version).get();
      String define = SCRIPT_DEFINES.get(job);
      if (define == null) {
        throw new IllegalArgumentException("no hook Job " + job + " runs a script; known: " + SCRIPT_DEFINES.keySet());
      }
      String opening = "{{- define \"" + define + "\" -}}\n{{- $ns := .Release.Namespace -}}\n";
      editEvery(chart, opening, opening + "echo \"error: " + job + " cannot go on (injected fault: a broken script)\"\n"
          + "exit 1\n");
    }
    if (faults.certgenMissing(version)) {
      Path template = chart.resolve(CERTGEN);
      String text = Files.readString(template);
      int jobStart = text.indexOf("apiVersion: batch/v1\nkind: Job\n");
      int jobEnd = text.indexOf("\n---\n", jobStart);
      require(jobStart >= 0 && jobEnd > jobStart, template, "the gateway-certgen Job");
      Files.writeString(template, text.substring(0, jobStart) + text.substring(jobEnd + "\n---\n".length()));
    }
    if (faults.cleanupDeletesUsersResources(version)) {
      edit(chart.resolve(CLEANUP), "kubectl delete upstreams.gloo.solo.io -n {{ $ns }} -l app=gloo || exit $?\n"
          + "kubectl delete gateways.gateway.solo.io -n {{ $ns }} -l app=gloo || exit $?",
          "kubectl delete upstreams.gloo.solo.io,virtualservices.gateway.solo.io,gateways.gateway.solo.io"
              + " -n {{ $ns }} --all || exit $?");
      edit(chart.resolve(CLEANUP), "    verbs: [\"delete\"]\n", "    verbs: [\"delete\"]\n"
          + "  - apiGroups: [\"apiextensions.k8s.io\"]\n    resources: [\"customresourcedefinitions\"]\n"
          + "    verbs: [\"get\"]\n");
    }
    if (faults.webhookTrustsAnotherCaAt(version)) {
      edit(chart.resolve("values.yaml"), "    failurePolicy: Ignore\n", "    failurePolicy: Fail\n");
    }
    if (faults.rolloutCleanupUnableToDelete(version)) {
      edit(chart.resolve(ROLLOUT_CLEANUP), "verbs: [\"get\", \"list\", \"delete\"]", "verbs: [\"get\", \"list\"]");
    }
  }

  private static void editEvery(Path chart, String text, String replacement) throws IOException {
    boolean edited = false;
    try (var templates = Files.list(chart.resolve("templates"))) {
      for (Path template : templates.toList()) {
        String content = Files.readString(template);
        if (content.contains(text)) {
          Files.writeString(template, content.replace(text, replacement));
          edited = true;
        }
      }
    }
    require(edited, chart, text);
  }

  private static void edit(Path template, String text, String replacement) throws IOException {
    String content = Files.readString(template);
    require(content.contains(text), template, text);
    Files.writeString(template, content.replace(text, replacement));
  }

  // Never a silent no-op: the fault would then show nothing.
  private static void require(boolean found, Path where, String what) {
    if (!found) {
      throw new IllegalStateException(where + " has no " + what + " to change for the fault");
    }
  }
}
