package io.glooupgrade.helm;

import io.glooupgrade.kube.WaitTimeout;

/** Helm's {@code --timeout} for installs and upgrades: {@code harness.timeout.helm}, 300 s as Helm's own default. */
final class HelmTimeout {

  private static final long HELM_DEFAULT_SECONDS = 300;

  private HelmTimeout() {
  }

  static int seconds() {
    return (int) WaitTimeout.HELM.duration().toSeconds();
  }

  /** The flag as the documented command shows it: only when it is not Helm's default. */
  static String flag() {
    return seconds() == HELM_DEFAULT_SECONDS ? "" : " --timeout " + seconds() + "s";
  }
}
