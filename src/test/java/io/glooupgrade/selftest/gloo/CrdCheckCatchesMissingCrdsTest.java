package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.gloo.CrdCheck;
import io.glooupgrade.gloo.GlooEdge;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.UpgradeVerdicts;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRD check can fail: an upgrade done with {@code helm upgrade} alone, which never applies
 * the new chart's CRDs, leaves every CRD at the old version, and check-crds names them.
 */
class CrdCheckCatchesMissingCrdsTest {

  @TempDir
  Path workDir;
  private Target target;
  private GlooEdge gloo;
  private GlooInstallation installation;

  @BeforeEach
  void installTheCurrentVersion() {
    target = TargetResolver.resolve(HarnessSettings.from(Map.of()));
    gloo = new GlooEdge(target, workDir);
    gloo.addGlooRepository();
    installation = new GlooInstallation("gloo-system", "1.18.41");
    gloo.install(installation);
  }

  @AfterEach
  void stop() {
    gloo.close();
    target.close();
  }

  @Test
  void helmUpgradeWithoutTheNewCrdsFailsTheCrdCheckNamingTheOutdatedCrds() {
    GlooInstallation upgraded = gloo.upgradeWithValuesInUse(installation, "1.19.20");

    CrdCheck.Result result = gloo.checkCrds("gloo-system", gloo.serverVersion("gloo-system"));
    assertThat(upgraded.version()).isEqualTo("1.19.20");
    assertThat(result.upToDate()).isFalse();
    assertThat(result.outdated()).contains("virtualservices.gateway.solo.io", "upstreams.gloo.solo.io");
    assertThatThrownBy(() -> UpgradeVerdicts.crdsUpToDate(result, "1.19.20")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Diffs detected on the following CRDs:")
        .hasMessageContaining("virtualservices.gateway.solo.io");
  }

  @Test
  void applyingTheNewCrdsFirstPassesTheSameCheck() {
    gloo.applyCrdsOf("1.19.20");
    gloo.upgradeWithValuesInUse(installation, "1.19.20");

    CrdCheck.Result result = gloo.checkCrds("gloo-system", gloo.serverVersion("gloo-system"));
    assertThat(result.outdated()).isEmpty();
    assertThat(result.output()).isEqualTo("All CRDs are up to date");
    UpgradeVerdicts.crdsUpToDate(result, "1.19.20");
  }
}
