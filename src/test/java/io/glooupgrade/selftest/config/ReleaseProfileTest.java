package io.glooupgrade.selftest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.config.InvalidSettingsException;
import io.glooupgrade.config.ReleaseProfile;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.kube.ApiRetryPolicy;
import io.glooupgrade.kube.WaitTimeout;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release profile (harness.profile) sets what system properties and the environment leave unset. */
class ReleaseProfileTest {

  @TempDir
  Path dir;

  @AfterEach
  void clear() {
    System.clearProperty(ReleaseProfile.KEY);
    System.clearProperty("harness.new.version");
    System.clearProperty("harness.timeout.rollout");
  }

  @Test
  void theProfileFillsInAndASystemPropertyWins() throws IOException {
    Path profile = Files.writeString(dir.resolve("release-1.19.yaml"), """
        harness.target: kubeconfig
        harness.current.version: 1.18.40
        harness.new.version: 1.19.20
        harness.enterprise.new.version: 1.19.9
        harness.allowContexts: staging
        """);
    System.setProperty(ReleaseProfile.KEY, profile.toString());
    System.setProperty("harness.new.version", "1.20.22");

    HarnessSettings settings = HarnessSettings.fromEnvironment();

    assertThat(settings.currentVersion()).isEqualTo("1.18.40");
    assertThat(settings.newVersion()).as("the system property wins over the profile").isEqualTo("1.20.22");
    assertThat(settings.versionsOf(Edition.ENTERPRISE).next()).isEqualTo("1.19.9");
    assertThat(settings.allowContexts()).containsExactly("staging");
  }

  @Test
  void timeoutsAndApiRetriesComeFromTheProfileToo() throws IOException {
    Path profile = Files.writeString(dir.resolve("slow-staging.yaml"), """
        harness.timeout.rollout: 900
        harness.timeout.route: 120
        harness.api.retries: 8
        """);
    System.setProperty(ReleaseProfile.KEY, profile.toString());

    assertThat(WaitTimeout.ROUTE.duration()).isEqualTo(Duration.ofSeconds(120));
    assertThat(ApiRetryPolicy.configured().retries()).isEqualTo(8);
    assertThat(WaitTimeout.CHECK.duration()).as("unset: the default").isEqualTo(Duration.ofSeconds(90));
    System.setProperty("harness.timeout.rollout", "600");
    assertThat(WaitTimeout.ROLLOUT.duration()).as("the system property wins over the profile")
        .isEqualTo(Duration.ofSeconds(600));
  }

  @Test
  void aBadTimeoutInTheProfileIsListedBeforeAnyClusterCall() throws IOException {
    Path profile = Files.writeString(dir.resolve("typo.yaml"), "harness.timeout.route: 2min\n");
    System.setProperty(ReleaseProfile.KEY, profile.toString());

    assertThatThrownBy(HarnessSettings::fromEnvironment).isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("harness.timeout.route '2min' is not a whole number");
  }

  @Test
  void everyProblemOfAProfileIsListedAndTheLicenceKeyIsRefused() throws IOException {
    Path profile = Files.writeString(dir.resolve("bad.yaml"), """
        harness.new.verison: 1.19.20
        license_key: abc
        harness.context: [a, b]
        """);
    assertThatThrownBy(() -> ReleaseProfile.read(profile)).isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("'harness.new.verison', which is not a setting")
        .hasMessageContaining("LICENSE_KEY only, never from a file")
        .hasMessageContaining("'harness.context' no single value")
        .hasMessageNotContaining("abc");
  }

  @Test
  void aMissingProfileIsNamed() {
    assertThatThrownBy(() -> ReleaseProfile.read(dir.resolve("nope.yaml"))).isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("nope.yaml").hasMessageContaining("does not exist");
  }

  @Test
  void theGlooctlBinaryAndItsTimeoutComeFromTheProfileToo() throws IOException {
    Path binary = Files.writeString(dir.resolve("glooctl"), "#!/bin/sh\n");
    binary.toFile().setExecutable(true);
    Path profile = Files.writeString(dir.resolve("real-glooctl.yaml"), """
        harness.glooctl: %s
        harness.timeout.glooctl: 45
        """.formatted(binary));
    System.setProperty(ReleaseProfile.KEY, profile.toString());

    assertThat(HarnessSettings.fromEnvironment().glooctl()).contains(binary);
    assertThat(io.glooupgrade.gloo.glooctl.GlooctlBinary.configured()).hasValueSatisfying(glooctl ->
        assertThat(glooctl.path()).isEqualTo(binary));
    assertThat(io.glooupgrade.kube.WaitTimeout.GLOOCTL.duration()).isEqualTo(java.time.Duration.ofSeconds(45));
  }
}
