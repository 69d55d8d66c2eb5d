package io.glooupgrade.selftest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.config.InvalidSettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HarnessSettingsTest {

  @Test
  void defaultsAreTheEmbeddedTargetAndTheIssuesVersions() {
    HarnessSettings settings = HarnessSettings.from(Map.of());
    assertThat(settings.target()).isEqualTo("embedded");
    assertThat(settings.currentVersion()).isEqualTo("1.18.41");
    assertThat(settings.newVersion()).isEqualTo("1.19.20");
    assertThat(settings.glooRepositoryUrl()).isEqualTo("https://storage.googleapis.com/solo-public-helm");
  }

  @Test
  void settingsThatNameAClusterOfOnesOwnAreRefusedOnTheEmbeddedTarget() {
    assertThatThrownBy(() -> HarnessSettings.from(Map.of("harness.context", "staging",
        "harness.allowContexts", "staging")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("harness.context is set, but harness.target=embedded starts its own clusters")
        .hasMessageContaining("harness.allowContexts is set");
    assertThat(HarnessSettings.from(Map.of("harness.target", "kubeconfig", "harness.context", "staging")).context())
        .isEqualTo("staging");
  }

  @Test
  void onlyTheRepositoriesTheRunNamesAreItsOwn() {
    assertThat(HarnessSettings.from(Map.of()).configuredHelmRepositories()).isEmpty();
    assertThat(HarnessSettings.from(Map.of("harness.gloo.repository", "http://mirror.example/gloo"))
        .configuredHelmRepositories()).containsExactly(Map.entry("gloo", "http://mirror.example/gloo"));
  }

  @Test
  void aLeadingVIsAcceptedAsTheGuidesWriteIt() {
    assertThat(HarnessSettings.from(Map.of("harness.new.version", "v1.19.20")).newVersion()).isEqualTo("1.19.20");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> HarnessSettings.from(Map.of("harness.target", "minikube",
        "harness.current.version", "latest", "harness.new.version", "1.19", "harness.plan", "maybe")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("harness.target is 'minikube'")
        .hasMessageContaining("harness.current.version 'latest'")
        .hasMessageContaining("harness.new.version '1.19'")
        .hasMessageContaining("harness.plan is 'maybe'; expected true or false");
  }

  @Test
  void theCurrentVersionMayBeTheInstalledReleasesAndThePlanIsOffByDefault() {
    HarnessSettings settings = HarnessSettings.from(Map.of("harness.enterprise.current.version", "installed"));
    assertThat(settings.versionsOf(io.glooupgrade.gloo.Edition.ENTERPRISE).currentIsInstalled()).isTrue();
    assertThat(settings.versionsOf(io.glooupgrade.gloo.Edition.ENTERPRISE)
        .resolved(() -> "1.18.13", java.util.Optional::empty, next -> java.util.Optional.empty()))
        .isEqualTo(new io.glooupgrade.config.UpgradeVersions("1.18.13", "1.19.9", "1.18.13"));
    assertThat(settings.plan()).isFalse();
    assertThat(HarnessSettings.from(Map.of("harness.plan", "TRUE")).plan()).isTrue();
  }

  @Test
  void timeoutsAreCheckedWithTheOtherSettings() {
    assertThatThrownBy(() -> HarnessSettings.from(Map.of("harness.timeout.rollout", "5m",
        "harness.timeout.check", "0", "harness.timeout.interrupt", "100000")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("harness.timeout.rollout '5m' is not a whole number")
        .hasMessageContaining("harness.timeout.check is 0; expected 1 to 86400")
        .hasMessageContaining("harness.timeout.interrupt is 100000; expected 1 to 86400");
  }

  @Test
  void everySettingHasAnEnvironmentVariableAShellCanSet() {
    assertThat(io.glooupgrade.config.SettingSources.environmentName("harness.gloo-fed.repository"))
        .isEqualTo("HARNESS_GLOO_FED_REPOSITORY");
    assertThat(io.glooupgrade.config.SettingSources.environmentName("harness.timeout.rollout"))
        .isEqualTo("HARNESS_TIMEOUT_ROLLOUT");
  }

  @Test
  void versionWordsAreAcceptedWhereTheyMeanSomethingAndRefusedElsewhere() {
    HarnessSettings nightly = HarnessSettings.from(Map.of("harness.current.version", "previous-minor",
        "harness.new.version", "latest", "harness.federation.new.version", "latest"));
    assertThat(nightly.versionsOf(io.glooupgrade.gloo.Edition.OSS).needsResolving()).isTrue();
    assertThat(nightly.versionsOf(io.glooupgrade.gloo.Edition.ENTERPRISE).needsResolving()).isFalse();

    assertThatThrownBy(() -> HarnessSettings.from(Map.of("harness.current.version", "latest",
        "harness.enterprise.new.version", "previous-minor", "harness.federation.rollback.version", "installed")))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("harness.current.version 'latest' is not a version like 1.18.41, nor one of "
            + "[installed, previous-minor]")
        .hasMessageContaining("harness.enterprise.new.version 'previous-minor' is not a version like 1.19.20, nor one "
            + "of [latest]")
        .hasMessageContaining("harness.federation.rollback.version 'installed' is not a version like 1.18.41");
  }

  @Test
  void theWordsAreReplacedByTheVersionsFoundAndTheDefaultRollbackFollowsTheCurrentVersion() {
    io.glooupgrade.config.UpgradeVersions words = HarnessSettings.from(Map.of("harness.current.version",
        "previous-minor", "harness.new.version", "latest")).versionsOf(io.glooupgrade.gloo.Edition.OSS);
    io.glooupgrade.gloo.install.UpgradePath offered = new io.glooupgrade.gloo.install.UpgradePath("gloo/gloo",
        java.util.List.of("1.22.1", "1.21.13", "1.21.12", "1.20.22"));

    assertThat(words.resolved(() -> { throw new AssertionError("the cluster is not read"); }, offered::newest,
        offered::latestPatchOfPreviousMinor))
        .isEqualTo(new io.glooupgrade.config.UpgradeVersions("1.21.13", "1.22.1", "1.21.13"));
    assertThatThrownBy(() -> words.resolved(() -> "1.18.41", offered::newest, next -> java.util.Optional.empty()))
        .hasMessageContaining("'previous-minor', but the repository offers no release of the minor before 1.22.1");
  }

  @Test
  void harnessGlooctlNamesTheGlooctlBinaryReadLikeEveryOtherSettingAndMustBeExecutable(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    assertThat(HarnessSettings.from(Map.of()).glooctl()).isEmpty();
    assertThat(io.glooupgrade.config.SettingSources.environmentName("harness.glooctl")).isEqualTo("HARNESS_GLOOCTL");
    java.nio.file.Path binary = java.nio.file.Files.writeString(dir.resolve("glooctl"), "#!/bin/sh\n");
    binary.toFile().setExecutable(true);
    assertThat(HarnessSettings.from(Map.of("harness.glooctl", binary.toString())).glooctl()).contains(binary);

    java.nio.file.Path notExecutable = java.nio.file.Files.writeString(dir.resolve("glooctl.txt"), "");
    assertThatThrownBy(() -> HarnessSettings.from(Map.of("harness.glooctl", notExecutable.toString())))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("harness.glooctl " + notExecutable + " is not an executable file");
    assertThatThrownBy(() -> HarnessSettings.from(Map.of("harness.glooctl", dir.resolve("missing").toString())))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("is not an executable file");
  }

  @Test
  void harnessTimeoutGlooctlBoundsEachRunOfTheBinary() {
    assertThat(io.glooupgrade.kube.WaitTimeout.GLOOCTL.key()).isEqualTo("harness.timeout.glooctl");
    assertThatThrownBy(() -> HarnessSettings.from(Map.of("harness.timeout.glooctl", "soon")))
        .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("harness.timeout.glooctl");
  }
}
