package io.glooupgrade.selftest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.glooupgrade.evidence.ObjectChange;
import org.junit.jupiter.api.Test;

/** The before/after diff a reviewer reads: the changed lines marked, or a plain "no change". */
class ObjectChangeTest {

  @Test
  void anUpgradeShowsAsTheImageLinesThatChanged() {
    String before = "gloo (replicas 1):\n  gloo: quay.io/solo-io/gloo:1.18.41\ndiscovery (replicas 1):\n"
        + "  discovery: quay.io/solo-io/discovery:1.18.41\n";
    String after = before.replace("1.18.41", "1.19.20");

    String diff = ObjectChange.diff("Deployments in gloo-system", before, after);

    assertThat(diff).contains("--- Deployments in gloo-system (before)").contains("+++ Deployments in gloo-system (after)")
        .contains("-  gloo: quay.io/solo-io/gloo:1.18.41").contains("+  gloo: quay.io/solo-io/gloo:1.19.20")
        .contains("-  discovery: quay.io/solo-io/discovery:1.18.41");
  }

  @Test
  void noChangeIsSaidPlainly() {
    assertThat(ObjectChange.diff("CRDs", "a\nb\n", "a\nb\n")).isEqualTo("no change to CRDs");
  }
}
