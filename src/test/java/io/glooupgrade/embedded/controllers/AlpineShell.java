package io.glooupgrade.embedded.controllers;

import java.util.List;

/**
 * The {@code /bin/sh} of the kubectl image, which is Alpine's busybox ash (gloo's
 * jobs/kubectl/Dockerfile): it accepts {@code [ "$A" == "b" ]}, which the charts' scripts use and
 * Debian's dash refuses ("unexpected operator", silently taking the else branch). The node runs
 * busybox's sh when the machine has busybox, else bash, which accepts the same tests.
 */
final class AlpineShell {

  private AlpineShell() {
  }

  /** The command that stands for {@code /bin/sh} here. */
  static List<String> command() {
    return ExecutableOnPath.find("busybox").map(busybox -> List.of(busybox.toString(), "sh"))
        .or(() -> ExecutableOnPath.find("bash").map(bash -> List.of(bash.toString())))
        .orElse(List.of("/bin/sh"));
  }

  static boolean isShell(String program) {
    return program.equals("/bin/sh") || program.equals("sh") || program.equals("/bin/ash")
        || program.equals("/bin/busybox");
  }
}
