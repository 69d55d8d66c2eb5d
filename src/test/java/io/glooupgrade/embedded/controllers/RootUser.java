package io.glooupgrade.embedded.controllers;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the harness runs as root, in which case a container's command is run as another user. */
final class RootUser {

  static final long NOBODY = 65534;
  static final boolean IS_ROOT = "root".equals(System.getProperty("user.name"));
  static final boolean SETPRIV_FOUND = Files.isExecutable(Path.of("/usr/bin/setpriv"));

  private RootUser() {
  }
}
