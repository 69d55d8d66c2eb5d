package io.glooupgrade.selftest.glooctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A stand-in for glooctl: a small shell script the self-tests write, to prove the plumbing around it. */
final class StandInGlooctl {

  private StandInGlooctl() {
  }

  static Path write(Path directory, String name, String body) {
    try {
      Path script = directory.resolve(name);
      Files.writeString(script, "#!/bin/sh\n" + body + "\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
