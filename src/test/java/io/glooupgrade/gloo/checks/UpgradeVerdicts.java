package io.glooupgrade.gloo.checks;

import io.glooupgrade.gloo.glooctl.CrdCheck;
import io.glooupgrade.gloo.glooctl.GlooctlCheck;
import io.glooupgrade.gloo.glooctl.ServerVersion;
import io.glooupgrade.gloo.install.GlooPods;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The checks of Upgrade Steps, step 5, as verdicts that fail with what a reviewer needs to see:
 * which pod or component is not at the version, and what it runs instead.
 */
public final class UpgradeVerdicts {

  private UpgradeVerdicts() {
  }

  /** Step 5.2: every Gloo Edge pod runs the image tag of the version. */
  public static void everyPodRuns(String namespace, List<Pod> pods, String version) {
    everyPodRuns(namespace, pods, Set.of(version));
  }

  /** The same where pods may run one of several tags (Enterprise: its own and its OSS version). */
  public static void everyPodRuns(String namespace, List<Pod> pods, Set<String> tags) {
    String version = String.join(" or ", new TreeSet<>(tags));
    if (pods.isEmpty()) {
      throw new AssertionError("no Gloo Edge pods (label key gloo) run in namespace " + namespace);
    }
    List<String> behind = pods.stream().filter(p -> !GlooPods.runsTags(p, tags))
        .map(p -> p.getMetadata().getName() + " runs " + p.getSpec().getContainers().stream()
            .map(c -> c.getImage()).collect(Collectors.joining(", ")))
        .toList();
    if (!behind.isEmpty()) {
      throw new AssertionError("Gloo Edge pods in " + namespace + " not at image tag " + version + ":\n  "
          + String.join("\n  ", behind));
    }
  }

  /** Step 5.3: {@code glooctl version} reports the version for every server component, without warnings. */
  public static void everyServerComponentAt(ServerVersion.Report report, String version) {
    everyServerComponentAt(report, Set.of(version));
  }

  /** The same where components may run one of several tags (Enterprise: its own and its OSS version). */
  public static void everyServerComponentAt(ServerVersion.Report report, Set<String> tags) {
    String version = String.join(" or ", new TreeSet<>(tags));
    if (report.components().isEmpty()) {
      throw new AssertionError("glooctl version lists no server components in " + report.namespace()
          + ": Gloo is not installed there");
    }
    List<String> behind = report.components().stream().filter(c -> !tags.contains(c.tag()))
        .map(c -> c.name() + " (deployment " + c.deployment() + ") at " + c.tag()).toList();
    if (!behind.isEmpty() || !report.warnings().isEmpty()) {
      throw new AssertionError("glooctl version does not report " + version + " for every server component:\n  "
          + String.join("\n  ", behind) + (report.warnings().isEmpty() ? "" : "\n  " + String.join("\n  ",
          report.warnings())) + "\n" + report.output());
    }
  }

  /** Steps 3.4 and 5.4: glooctl check reports no problems. */
  public static void noProblems(GlooctlCheck.Result result) {
    if (!result.ok()) {
      throw new AssertionError("glooctl check found problems:\n" + result.output());
    }
  }

  /** Step 4.2.3: glooctl check-crds finds no difference and no CRD of the chart missing. */
  public static void crdsUpToDate(CrdCheck.Result result, String chartVersion) {
    if (!result.upToDate()) {
      throw new AssertionError("glooctl check-crds against the chart of " + chartVersion + " (`" + result.command()
          + "`): " + result.output());
    }
  }
}
