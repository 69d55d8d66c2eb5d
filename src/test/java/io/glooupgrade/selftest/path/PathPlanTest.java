package io.glooupgrade.selftest.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.glooupgrade.gloo.install.UpgradePath;
import io.glooupgrade.gloo.path.PathPlan;
import io.glooupgrade.gloo.path.UnofferedPathException;
import io.glooupgrade.gloo.path.UpgradeHop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented path as hops: latest patch first, one minor at a time, refused when a minor is missing. */
class PathPlanTest {

  private static final List<String> OFFERED = List.of("1.16.20", "1.16.27", "1.17.37", "1.17.38", "1.18.40",
      "1.18.41", "1.19.20", "1.20.0-beta1");

  @Test
  void goesThroughTheLatestPatchOfEveryMinorBetween() {
    PathPlan plan = PathPlan.of(new UpgradePath("gloo/gloo", OFFERED), "gloo/gloo", "1.16.20", "1.19.20");

    assertThat(plan.hops()).extracting(UpgradeHop::from, UpgradeHop::to).containsExactly(
        tuple("1.16.20", "1.16.27"),
        tuple("1.16.27", "1.17.38"),
        tuple("1.17.38", "1.18.41"),
        tuple("1.18.41", "1.19.20"));
    assertThat(plan.hops().get(1).label()).isEqualTo("hop 2 of 4: 1.16.27 -> 1.17.38 (latest patch of 1.17)");
    assertThat(plan.describe()).contains("hop 4 of 4: 1.18.41 -> 1.19.20 (the new version)");
  }

  @Test
  void oneHopWhenTheCurrentVersionIsTheLatestPatchOfThePreviousMinor() {
    assertThat(PathPlan.of(new UpgradePath("gloo/gloo", OFFERED), "gloo/gloo", "1.18.41", "1.19.20").hops())
        .extracting(UpgradeHop::label).containsExactly("hop 1 of 1: 1.18.41 -> 1.19.20 (the new version)");
  }

  @Test
  void aMinorTheRepositoryLacksRefusesThePathNamingTheGap() {
    List<String> without117 = OFFERED.stream().filter(v -> !v.startsWith("1.17.")).toList();

    assertThatThrownBy(() -> PathPlan.of(new UpgradePath("gloo/gloo", without117), "gloo/gloo", "1.16.27", "1.19.20"))
        .isInstanceOf(UnofferedPathException.class)
        .hasMessageContaining("no 1.17 release offered by gloo/gloo").hasMessageContaining("Nothing was changed");
  }

  @Test
  void aNewVersionThatIsNotNewerIsRefused() {
    assertThatThrownBy(() -> PathPlan.of(new UpgradePath("gloo/gloo", OFFERED), "gloo/gloo", "1.19.20", "1.18.41"))
        .isInstanceOf(UnofferedPathException.class).hasMessageContaining("must be newer");
  }
}
