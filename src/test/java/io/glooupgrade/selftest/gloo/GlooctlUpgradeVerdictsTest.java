package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.gloo.checks.PreparationVerdicts;
import io.glooupgrade.gloo.glooctl.ServerVersion;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Step 3's verdicts on glooctl version: the client moved, the server did not, the warning matches. */
class GlooctlUpgradeVerdictsTest {

  private static ServerVersion.Report report(String client, String serverTag) {
    return new ServerVersion.Report(client, "gloo-system", false, List.of(
        new ServerVersion.Component("gloo", "gloo", serverTag, "quay.io/solo-io", null),
        new ServerVersion.Component("discovery", "discovery", serverTag, "quay.io/solo-io", null)));
  }

  @Test
  void aMinorMismatchMustBeWarnedAboutAndNoneInventedForAPatch() {
    PreparationVerdicts.warnsOfMinorMismatch(report("1.19.20", "1.18.41"), true);
    PreparationVerdicts.warnsOfMinorMismatch(report("1.18.41", "1.18.40"), false);
    assertThatThrownBy(() -> PreparationVerdicts.warnsOfMinorMismatch(report("1.18.41", "1.18.41"), true))
        .hasMessageContaining("does not warn");
    assertThatThrownBy(() -> PreparationVerdicts.warnsOfMinorMismatch(report("1.19.20", "1.18.41"), false))
        .hasMessageContaining("warns of a minor mismatch where client and server share a minor");
  }

  @Test
  void theClientAtTheNewVersionAndTheServerStillAtTheCurrentOne() {
    PreparationVerdicts.clientAtServerAt(report("1.19.20", "1.18.41"), "1.19.20", Set.of("1.18.41"));
    assertThatThrownBy(() -> PreparationVerdicts.clientAtServerAt(report("1.18.41", "1.18.41"), "1.19.20",
        Set.of("1.18.41"))).hasMessageContaining("should show the client at 1.19.20");
    assertThatThrownBy(() -> PreparationVerdicts.clientAtServerAt(report("1.19.20", "1.19.20"), "1.19.20",
        Set.of("1.18.41"))).hasMessageContaining("server components at another version: [gloo (deployment gloo)"
        + " at 1.19.20, discovery (deployment discovery) at 1.19.20]");
  }
}
