package io.glooupgrade.selftest.gloo;

import io.glooupgrade.gloo.Edition;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.checks.UpgradeVerdicts;
import io.glooupgrade.helm.HelmRelease;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step-5 checks can fail. The values in use pin the discovery image to the old tag (a real
 * way an upgrade goes half-way: the values file carries an image override), so after the upgrade
 * one component stays behind: the upgrade itself rolls out, and the pod check and the glooctl
 * version check each name the component left behind.
 */
class UpgradeVerdictsCatchLaggingComponentsTest {

  private static final String PINNED = "discovery.deployment.image.tag";

  @TempDir
  Path workDir;

  @Test
  void aComponentLeftAtTheOldTagFailsEveryVersionCheck() throws Exception {
    try (Target target = TargetResolver.resolve(HarnessSettings.from(Map.of()));
        GlooEdge gloo = new GlooEdge(target, target.cluster(), workDir, Optional.empty())) {
      gloo.charts().add(Edition.OSS);
      GlooInstallation installation = new GlooInstallation("gloo-system", "1.18.41");
      gloo.helm().install(installation.helmRelease().withSet(PINNED, "1.18.41"));
      gloo.applyCrdsOf(Edition.OSS, "1.19.20");
      Path values = Files.writeString(workDir.resolve("values.yaml"),
          gloo.helm().getValues("gloo-system", "gloo", "gloo/gloo"));

      gloo.releases().upgradeWithValuesInUse(installation, "1.19.20");

      assertThatThrownBy(() -> UpgradeVerdicts.everyPodRuns("gloo-system", gloo.releases().glooPods("gloo-system"), "1.19.20"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("not at image tag 1.19.20")
          .hasMessageMatching("(?s).*discovery-\\S+ runs quay.io/solo-io/discovery:1.18.41.*");
      assertThatThrownBy(() -> UpgradeVerdicts.everyServerComponentAt(gloo.glooctl().version("gloo-system", "1.19.20"),
          "1.19.20"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("discovery (deployment discovery) at 1.18.41");
      // The same release upgraded with the pin removed passes all three.
      gloo.helm().upgrade(HelmRelease.of("gloo", "gloo-system", "gloo", "gloo", "1.19.20").withValues(values)
          .withSet(PINNED, "1.19.20"));
      UpgradeVerdicts.everyPodRuns("gloo-system", awaitAndList(gloo), "1.19.20");
      UpgradeVerdicts.everyServerComponentAt(gloo.glooctl().version("gloo-system", "1.19.20"), "1.19.20");
    }
  }

  private static java.util.List<io.fabric8.kubernetes.api.model.Pod> awaitAndList(GlooEdge gloo) {
    gloo.releases().awaitRolledOut(new GlooInstallation("gloo-system", "1.19.20"));
    return gloo.releases().glooPods("gloo-system");
  }
}
