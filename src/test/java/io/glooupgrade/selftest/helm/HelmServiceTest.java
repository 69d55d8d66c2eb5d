package io.glooupgrade.selftest.helm;

import io.glooupgrade.gloo.Edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.helm.HelmRelease;
import io.glooupgrade.helm.HelmService;
import io.glooupgrade.helm.UnknownChartVersionException;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Helm service against the embedded target, through its repository like a real one. */
class HelmServiceTest {

  @TempDir
  Path workDir;
  private Target target;
  private HelmService helm;

  @BeforeEach
  void start() {
    target = TargetResolver.resolve(HarnessSettings.from(Map.of()));
    helm = new HelmService(target.cluster(), workDir);
    helm.repoAdd("gloo", target.helmRepository("gloo"));
    helm.repoUpdate();
  }

  @AfterEach
  void stop() {
    target.close();
  }

  @Test
  void searchListsEveryVersionNewestFirst() {
    List<String> versions = helm.searchVersions("gloo", "gloo");
    assertThat(versions).contains("1.17.37", "1.17.38", "1.18.40", "1.18.41", "1.19.20");
    assertThat(versions.get(0)).isEqualTo("1.22.1");
    assertThat(versions.indexOf("1.18.41")).isLessThan(versions.indexOf("1.18.40"));
  }

  @Test
  void anUnknownVersionIsOneClearErrorListingWhatIsOffered() {
    assertThatThrownBy(() -> helm.pull("gloo", "gloo", "1.19.99"))
        .isInstanceOf(UnknownChartVersionException.class)
        .hasMessage("chart gloo/gloo has no version 1.19.99; the repository offers: "
            + String.join(", ", helm.searchVersions("gloo", "gloo")));
  }

  @Test
  void theGlooEdgeServiceRefusesAnUnknownVersionBeforeInstallingAnything() {
    try (GlooEdge gloo = new GlooEdge(target, target.cluster(), workDir, Optional.empty())) {
      gloo.charts().add(Edition.OSS);
      assertThatThrownBy(() -> gloo.charts().requireOffered(Edition.OSS, "1.18.41", "2.0.0"))
          .isInstanceOf(UnknownChartVersionException.class).hasMessageContaining("no version 2.0.0")
          .hasMessageContaining("1.19.20");
      assertThat(helm.list("gloo-system")).isEmpty();
    }
  }

  @Test
  void installUpgradeListHistoryGetValuesShowCrdsAndUninstall() throws Exception {
    HelmRelease release = HelmRelease.of("gloo", "gloo-system", "gloo", "gloo", "1.18.41")
        .withSet("gatewayProxies.gatewayProxy.podTemplate.probes", "true");
    Release installed = helm.install(release);
    assertThat(installed.getStatus()).isEqualTo("deployed");

    String values = helm.getValues("gloo-system", "gloo", "gloo/gloo");
    assertThat(values).contains("probes: true");
    Path valuesFile = Files.writeString(workDir.resolve("values.yaml"), values);

    Release upgraded = helm.upgrade(HelmRelease.of("gloo", "gloo-system", "gloo", "gloo", "1.19.20")
        .withValues(valuesFile));
    assertThat(upgraded.getRevision()).isEqualTo("2");
    assertThat(helm.list("gloo-system")).singleElement()
        .satisfies(r -> assertThat(r.getChart()).isEqualTo("gloo-1.19.20"));
    assertThat(helm.history("gloo-system", "gloo")).extracting(ReleaseHistory::getRevision).containsExactly(1, 2);
    assertThat(helm.showCrds("gloo", "gloo", "1.19.20")).contains("name: virtualservices.gateway.solo.io")
        .contains("Gloo Edge 1.19 API");

    helm.uninstall("gloo-system", "gloo");
    assertThat(helm.list("gloo-system")).isEmpty();
  }
}
