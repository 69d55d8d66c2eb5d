package io.glooupgrade.embedded.controllers;

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

  private KubectlBinary() {
  }

  /** Says once per run, in one line, what is missing and what to install. */
  static void reportMissingOnce() {
    if (io.glooupgrade.lifecycle.HarnessRun.current().firstNotice(MISSING)) {
      LOG.error(MISSING);
    }
  }

  static Optional<Path> find() {
    return ExecutableOnPath.find("kubectl");
  }

}
