package io.glooupgrade.embedded.controllers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real {@code kubectl} the embedded node runs for a {@code kubectl} image: the first on the
 * PATH. Without one, the charts' kubectl Jobs cannot run, and the embedded world says so.
 */
final class KubectlBinary {

  static final String MISSING = "embedded world: no kubectl on the PATH, so the charts' kubectl Jobs cannot run;"
      + " install kubectl v1.32 (or Debian's kubernetes-client package)";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KubectlBinary.class);
  private static final java.util.concurrent.atomic.AtomicBoolean REPORTED = new java.util.concurrent.atomic.AtomicBoolean();

  private KubectlBinary() {
  }

  /** Says once per run, in one line, what is missing and what to install. */
  static void reportMissingOnce() {
    if (REPORTED.compareAndSet(false, true)) {
      LOG.error(MISSING);
    }
  }

  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
