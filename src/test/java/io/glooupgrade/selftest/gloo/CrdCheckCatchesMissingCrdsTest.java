package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.gloo.glooctl.CrdCheck;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.checks.UpgradeVerdicts;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import java.util.Optional;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRD check can fail: an upgrade done with {@code helm upgrade} alone, which never applies
 * the new chart's CRDs, leaves every CRD at the old version, and check-crds names them; a CRD of
 * the chart that never reached the cluster is reported as missing. For Enterprise the CRDs compared
 * are those of its gloo subchart, and the recorded command names that chart's (OSS) version.
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
    gloo = new GlooEdge(target, target.cluster(), workDir, Optional.empty());
    gloo.charts().add(Edition.OSS);
    installation = new GlooInstallation("gloo-system", "1.18.41");
    gloo.releases().install(installation, Map.of());
  }

  @AfterEach
  void stop() {
    gloo.close();
    target.close();
  }

  @Test
  void helmUpgradeWithoutTheNewCrdsFailsTheCrdCheckNamingTheOutdatedCrds() {
    GlooInstallation upgraded = gloo.releases().upgradeWithValuesInUse(installation, "1.19.20");

    CrdCheck.Result result = gloo.glooctl().checkCrds("gloo-system", Edition.OSS, gloo.glooctl().serverVersion("gloo-system"));
    assertThat(upgraded.version()).isEqualTo("1.19.20");
    assertThat(result.upToDate()).isFalse();
    assertThat(result.outdated()).contains("virtualservices.gateway.solo.io", "upstreams.gloo.solo.io");
    assertThatThrownBy(() -> UpgradeVerdicts.crdsUpToDate(result, "1.19.20")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Diffs detected on the following CRDs:")
        .hasMessageContaining("virtualservices.gateway.solo.io");
  }

  @Test
  void applyingTheNewCrdsFirstPassesTheSameCheck() {
    gloo.applyCrdsOf(Edition.OSS, "1.19.20");
    gloo.releases().upgradeWithValuesInUse(installation, "1.19.20");

    CrdCheck.Result result = gloo.glooctl().checkCrds("gloo-system", Edition.OSS, gloo.glooctl().serverVersion("gloo-system"));
    assertThat(result.outdated()).isEmpty();
    assertThat(result.output()).isEqualTo("All CRDs are up to date");
    UpgradeVerdicts.crdsUpToDate(result, "1.19.20");
  }

  @Test
  void aCrdOfTheChartMissingFromTheClusterIsReportedAsMissing() {
    String missing = "ratelimitconfigs.ratelimit.solo.io";
    gloo.crds().delete(List.of(missing));

    CrdCheck.Result result = gloo.glooctl().checkCrds("gloo-system", Edition.OSS, "1.18.41");
    assertThat(result.outdated()).isEmpty();
    assertThat(result.missing()).containsExactly(missing);
    assertThat(result.upToDate()).isFalse();
    assertThatThrownBy(() -> UpgradeVerdicts.crdsUpToDate(result, "1.18.41")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("CRDs of the chart missing from the cluster:\n" + missing);
  }

  @Test
  void enterprisesCheckComparesItsGlooSubchartAndRecordsTheCommandThatComparesTheSameChart() {
    gloo.charts().add(Edition.ENTERPRISE);
    String ossOfEnterprise = gloo.charts().installation(Edition.ENTERPRISE, "gloo-system", "1.19.9").ossVersion();
    assertThat(ossOfEnterprise).isNotEqualTo("1.19.9");

    CrdCheck.Result before = gloo.glooctl().checkCrds("gloo-system", Edition.ENTERPRISE, "1.19.9");
    // glooctl check-crds --version V pulls gloo/gloo V: the OSS version, not the Enterprise one.
    assertThat(before.command()).isEqualTo("glooctl check-crds -n gloo-system --version " + ossOfEnterprise);
    assertThat(before.upToDate()).isFalse();

    gloo.applyCrdsOf(Edition.OSS, ossOfEnterprise);
    assertThat(gloo.glooctl().checkCrds("gloo-system", Edition.ENTERPRISE, "1.19.9").upToDate())
        .as("the OSS chart named by the command has exactly the CRDs compared").isTrue();
  }
}
