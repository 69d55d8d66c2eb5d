package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.gloo.checks.PreparationVerdicts;
import io.glooupgrade.gloo.install.UpgradePath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step 1.1 and 1.2 over the versions a repository offers: latest patch first, one minor at a time. */
class UpgradePathTest {

  private final UpgradePath path = new UpgradePath("gloo/gloo", List.of("1.20.22", "1.19.20", "1.19.21-beta1",
      "1.18.41", "1.18.40", "1.17.38", "1.17.37", "1.16.27"));

  @Test
  void theLatestPatchIsTheNewestReleaseOfTheMinorNotAPreRelease() {
    assertThat(path.latestPatchOf("1.18.40")).contains("1.18.41");
    assertThat(path.latestPatchOf("1.19.3")).contains("1.19.20");
    assertThat(path.isLatestPatch("1.18.41")).isTrue();
    assertThat(path.isLatestPatch("1.18.40")).isFalse();
    assertThat(path.latestPatchOf("1.14.2")).isEmpty();
    assertThat(path.isLatestPatch("1.14.2")).as("nothing newer offered").isTrue();
  }

  @Test
  void theNewestReleaseAndThePreviousMinorsLatestPatchAreWhatANightlyJobUpgrades() {
    assertThat(path.newest()).contains("1.20.22");
    assertThat(path.latestPatchOfPreviousMinor("1.20.22")).contains("1.19.20");
    assertThat(path.latestPatchOfPreviousMinor("1.19.20")).as("not the pre-release").contains("1.18.41");
    assertThat(path.latestPatchOfPreviousMinor("1.16.27")).as("no 1.15 offered").isEmpty();
    assertThat(new UpgradePath("gloo/gloo", List.of("1.20.0-beta1")).newest()).isEmpty();
  }

  @Test
  void aSkippedMinorIsCrossedThroughItsLatestPatchAfterTheCurrentMinorsLatestPatch() {
    assertThat(path.stops("1.17.37", "1.19.20")).extracting(UpgradePath.Stop::toString).containsExactly(
        "1.17.38 (latest patch of 1.17)", "1.18.41 (latest patch of 1.18)", "1.19.20 (the new version)");
    assertThat(path.stops("1.18.41", "1.19.20")).extracting(UpgradePath.Stop::version).containsExactly("1.19.20");
    assertThat(path.stops("1.13.2", "1.16.27")).extracting(UpgradePath.Stop::toString).containsExactly(
        "1.14.x (no 1.14 release offered by gloo/gloo)", "1.15.x (no 1.15 release offered by gloo/gloo)",
        "1.16.27 (the new version)");
  }

  @Test
  void moreThanOneMinorIsRefusedWithThePathAndOneMinorOrAPatchIsAccepted() {
    PreparationVerdicts.atMostOneMinor(path, "1.18.41", "1.19.20");
    PreparationVerdicts.atMostOneMinor(path, "1.18.40", "1.18.41");
    assertThatThrownBy(() -> PreparationVerdicts.atMostOneMinor(path, "1.18.41", "1.20.22"))
        .hasMessageContaining("skips 1 minor version(s)")
        .hasMessageContaining("1.18.41 -> 1.19.20 (latest patch of 1.19) -> 1.20.22 (the new version)");
    assertThatThrownBy(() -> PreparationVerdicts.atMostOneMinor(path, "1.19.20", "1.18.41"))
        .hasMessageContaining("older than the current version");
    assertThat(path.minorsCrossed("1.18.41", "2.0.0")).isEmpty();
  }
}
