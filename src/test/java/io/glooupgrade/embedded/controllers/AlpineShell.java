package io.glooupgrade.embedded.controllers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
    return onPath("busybox").map(busybox -> List.of(busybox.toString(), "sh"))
        .or(() -> onPath("bash").map(bash -> List.of(bash.toString())))
        .orElse(List.of("/bin/sh"));
  }

  static boolean isShell(String program) {
    return program.equals("/bin/sh") || program.equals("sh") || program.equals("/bin/ash")
        || program.equals("/bin/busybox");
  }

  private static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
