package io.glooupgrade.selftest.glooctl;

import io.glooupgrade.gloo.Edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.gloo.glooctl.CrdCheck;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.gloo.glooctl.GlooctlBinary;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import io.glooupgrade.selftest.support.CapturedEvidence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configured glooctl (here stand-in scripts, not glooctl) runs against the scenario's cluster and
 * its verdict is held against the harness's own: where they differ, the step fails saying that
 * glooctl and the harness disagree, with both outputs. Without a binary, the harness's evidence says
 * it is the harness's equivalent.
 */
class GlooctlAgreementTest {

  @TempDir
  Path dir;
  private Target target;

  @BeforeEach
  void startAnEmptyCluster() {
    target = TargetResolver.resolve(HarnessSettings.from(Map.of()));
  }

  @AfterEach
  void stop() {
    target.close();
  }

  private GlooEdge glooWith(String standInBody) {
    GlooctlBinary standIn = new GlooctlBinary(StandInGlooctl.write(dir, "glooctl", standInBody), Duration.ofSeconds(60));
    return new GlooEdge(target, target.cluster(), dir, Optional.empty(), Optional.of(standIn));
  }

  @Test
  void aStandInCheckThatSaysNoProblemsWhereTheHarnessFindsGlooMissingIsADisagreement() {
    // The stand-in reaches the scenario's cluster (kubectl with its KUBECONFIG), then claims all is well.
    try (GlooEdge gloo = glooWith("""
        kubectl get namespace gloo-system -o name
        echo "Checking Deployments... OK"
        echo "No problems detected."
        """)) {
      gloo.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
          .withName("gloo-system").endMetadata().build()).create();
      assertThatThrownBy(() -> gloo.glooctl().check("gloo-system")).isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("glooctl and the harness disagree on `glooctl check -n gloo-system`: glooctl passes"
              + " (exit code 0), the harness fails")
          .hasMessageContaining("namespace/gloo-system")
          .hasMessageContaining("No problems detected.")
          .hasMessageContaining("=== the harness ===");
    }
  }

  @Test
  void aStandInCheckCrdsThatFindsDiffsWhereTheHarnessFindsNoneIsADisagreement() {
    try (GlooEdge gloo = glooWith("""
        echo "Diffs detected on the following CRDs:"
        echo "virtualservices.gateway.solo.io"
        exit 1
        """)) {
      gloo.charts().add(Edition.OSS);
      gloo.applyCrdsOf(Edition.OSS, "1.18.41");
      assertThatThrownBy(() -> gloo.glooctl().checkCrds("gloo-system", Edition.OSS, "1.18.41")).isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("glooctl and the harness disagree on `glooctl check-crds -n gloo-system --version "
              + "1.18.41`: glooctl fails (exit code 1), the harness passes")
          .hasMessageContaining("virtualservices.gateway.solo.io")
          .hasMessageContaining("All CRDs are up to date");
    }
  }

  @Test
  void whenTheStandInAndTheHarnessAgreeTheResultIsTheHarnesssAndBothAreAttached() {
    try (GlooEdge gloo = glooWith("echo 'All CRDs are up to date'");
        CapturedEvidence evidence = CapturedEvidence.start()) {
      gloo.charts().add(Edition.OSS);
      gloo.applyCrdsOf(Edition.OSS, "1.18.41");
      CrdCheck.Result result = gloo.glooctl().checkCrds("gloo-system", Edition.OSS, "1.18.41");
      assertThat(result.upToDate()).isTrue();
      assertThat(evidence.attachments())
          .containsEntry("glooctl stdout: glooctl check-crds -n gloo-system --version 1.18.41",
              "All CRDs are up to date\n")
          .containsEntry("the harness's own verdict beside `glooctl check-crds -n gloo-system --version 1.18.41`",
              "All CRDs are up to date");
    }
  }

  @Test
  void withoutABinaryTheHarnesssOutputIsTitledAsItsEquivalentNotAsGlooctls() {
    try (GlooEdge gloo = new GlooEdge(target, target.cluster(), dir, Optional.empty(), Optional.empty());
        CapturedEvidence evidence = CapturedEvidence.start()) {
      gloo.glooctl().check("gloo-system");
      Map<String, String> attached = evidence.attachments();
      assertThat(attached.keySet()).anyMatch(title -> title.startsWith(
          "harness equivalent of `glooctl check -n gloo-system` (no glooctl configured)"));
      assertThat(attached.keySet()).noneMatch(title -> title.startsWith("glooctl") && title.contains("output"));
      assertThat(attached).containsKey("harness equivalent of $ glooctl check -n gloo-system")
          .doesNotContainKey("$ glooctl check -n gloo-system");
    }
  }
}
