package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.gloo.CrdCheck;
import io.glooupgrade.gloo.GlooEdge;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRD check can fail: an upgrade done with {@code helm upgrade} alone, which never applies
 * the new chart's CRDs, leaves every CRD at the old version, and check-crds names them.
 */
class CrdCheckCatchesMissingCrdsTest {

  @TempDir
  Path workDir;

  @Test
  void helmUpgradeWithoutTheNewCrdsFailsTheCrdCheckNamingTheOutdatedCrds() {
    HarnessSettings settings = HarnessSettings.from(Map.of());
    try (Target target = TargetResolver.resolve(settings); GlooEdge gloo = new GlooEdge(target, workDir)) {
      gloo.addGlooRepository();
      GlooInstallation installation = new GlooInstallation("gloo-system", "1.18.41");
      gloo.install(installation);

      GlooInstallation upgraded = gloo.upgradeWithValuesInUse(installation, "1.19.20");

      CrdCheck.Result result = gloo.checkCrds("gloo-system", gloo.serverVersion("gloo-system"));
      assertThat(upgraded.version()).isEqualTo("1.19.20");
      assertThat(result.upToDate()).isFalse();
      assertThat(result.outdated()).contains("virtualservices.gateway.solo.io", "upstreams.gloo.solo.io");
      assertThat(result.output()).startsWith("Diffs detected on the following CRDs:")
          .contains("virtualservices.gateway.solo.io");
    }
  }

  @Test
  void applyingTheNewCrdsFirstPassesTheSameCheck() {
    HarnessSettings settings = HarnessSettings.from(Map.of());
    try (Target target = TargetResolver.resolve(settings); GlooEdge gloo = new GlooEdge(target, workDir)) {
      gloo.addGlooRepository();
      GlooInstallation installation = new GlooInstallation("gloo-system", "1.18.41");
      gloo.install(installation);
      gloo.applyCrdsOf("1.19.20");
      gloo.upgradeWithValuesInUse(installation, "1.19.20");

      CrdCheck.Result result = gloo.checkCrds("gloo-system", gloo.serverVersion("gloo-system"));
      assertThat(result.outdated()).isEmpty();
      assertThat(result.output()).isEqualTo("All CRDs are up to date");
    }
  }
}
