package io.glooupgrade.selftest.glooctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.config.LicenceKey;
import io.glooupgrade.gloo.federation.ClusterRegistration;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.glooctl.GlooctlInstall;
import io.glooupgrade.gloo.glooctl.GlooctlBinary;
import io.glooupgrade.kube.CleanupStack;
import io.glooupgrade.kube.ClusterChanges;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import io.glooupgrade.selftest.support.CapturedEvidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a glooctl configured, the documented commands that change the cluster run that binary, here
 * a stand-in script (not glooctl) that logs how it was called: its arguments (the licence key passed
 * on, yet masked in every attachment), and for {@code cluster register} both clusters' contexts.
 */
class ConfiguredGlooctlCommandsTest {

  private static final String KEY = "standin-" + "licence-0123456789";

  @TempDir
  Path dir;
  private Target target;
  private Path calls;

  @BeforeEach
  void startAManagementAndARemoteCluster() {
    target = TargetResolver.resolve(HarnessSettings.from(Map.of()), List.of("management", "remote1"));
    calls = dir.resolve("calls.log");
  }

  @AfterEach
  void stop() {
    target.close();
  }

  // A stand-in that appends its arguments and the contexts its KUBECONFIG holds to calls.log, then exits.
  private GlooEdge glooWith(String role, int exitCode) {
    Path standIn = StandInGlooctl.write(dir, "glooctl-" + exitCode, """
        echo "args: $*" >> %s
        echo "contexts: $(kubectl config get-contexts -o name | tr '\\n' ' ')" >> %s
        echo "current: $(kubectl config current-context)" >> %s
        echo "stand-in glooctl did: $1 $2"
        exit %d
        """.formatted(calls, calls, calls, exitCode));
    return new GlooEdge(target, target.cluster(role), dir, Optional.empty(),
        Optional.of(new GlooctlBinary(standIn, Duration.ofSeconds(60))));
  }

  @Test
  void installGatewayEnterprisePassesTheLicenceKeyToTheStandInButNoAttachmentShowsIt() throws IOException {
    GlooInstallation installation = new GlooInstallation(Edition.ENTERPRISE, "gloo-system", "1.19.9", "1.19.20",
        Optional.of(new LicenceKey(KEY)));
    CleanupStack undo = new CleanupStack();
    Map<String, String> attached;
    try (GlooEdge gloo = glooWith("management", 0); CapturedEvidence evidence = CapturedEvidence.start()) {
      new GlooctlInstall(gloo).run(installation, changes(undo, gloo));
      attached = evidence.attachments();
    }

    assertThat(Files.readString(calls)).contains("args: install gateway enterprise --create-namespace -n gloo-system "
        + "--version 1.19.9 --license-key " + KEY);
    assertThat(attached).containsValue("glooctl install gateway enterprise --create-namespace -n gloo-system "
        + "--version 1.19.9 --license-key ********");
    assertThat(attached.toString()).doesNotContain(KEY);
  }

  @Test
  void aStandInInstallThatFailsFailsTheStepQuotingItsOutput() {
    GlooInstallation installation = new GlooInstallation(Edition.OSS, "gloo-system", "1.18.41", "1.18.41",
        Optional.empty());
    try (GlooEdge gloo = glooWith("management", 2)) {
      assertThatThrownBy(() -> new GlooctlInstall(gloo).run(installation, changes(new CleanupStack(), gloo)))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("`glooctl install gateway --create-namespace -n gloo-system --version 1.18.41` "
              + "failed with exit code 2:")
          .hasMessageContaining("stand-in glooctl did: install gateway");
    }
  }

  @Test
  void clusterRegisterRunsTheStandInWithTheManagementContextCurrentAndTheRemoteContextKnown() throws IOException {
    try (GlooEdge management = glooWith("management", 0); GlooEdge remote = glooWith("remote1", 0)) {
      new ClusterRegistration(management).register("remote1", remote, remote.cluster().name(), "gloo-system",
          "gloo-system");
    }
    String log = Files.readString(calls);
    assertThat(log).contains("args: cluster register --cluster-name remote1 --remote-context "
        + target.cluster("remote1").name() + " --federation-namespace gloo-system --remote-namespace gloo-system")
        .contains("current: " + target.cluster("management").name())
        .contains(target.cluster("remote1").name());
  }

  @Test
  void glooctlUpgradeRunsTheStandInWithTheRelease() throws IOException {
    try (GlooEdge gloo = glooWith("management", 0)) {
      gloo.glooctl().upgrade("v1.19.20");
    }
    assertThat(Files.readString(calls)).contains("args: upgrade --release v1.19.20");
  }

  private static ClusterChanges changes(CleanupStack stack, GlooEdge gloo) {
    return new ClusterChanges(stack, gloo.client(), gloo.cluster().name());
  }
}
