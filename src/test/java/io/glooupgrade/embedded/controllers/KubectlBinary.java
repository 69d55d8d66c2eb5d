package io.glooupgrade.embedded.controllers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real {@code kubectl} the embedded node runs for a {@code kubectl} image: the first on the
 * PATH. Without one, the charts' kubectl Jobs cannot run, and the embedded world says so.
 *
 * <p>Google Cloud SDK's {@code kubectl} is a dispatcher: on every call it asks the API server its
 * version, then runs the sibling {@code kubectl.<major>.<minor>} of that version. Where that
 * sibling exists, the node runs it directly: the same program the dispatcher would run, without a
 * second process and a second TLS connection per call (measured: about 40 % of a call's CPU time).
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

  /** The kubectl for an API server of this version ("1.31", or "" when unknown), when the machine has one. */
  static Optional<Path> find(String serverMajorMinor) {
    return ExecutableOnPath.find("kubectl").map(kubectl -> versionedSibling(kubectl, serverMajorMinor).orElse(kubectl));
  }

  static Optional<Path> versionedSibling(Path kubectl, String serverMajorMinor) {
    if (serverMajorMinor.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path sibling = kubectl.toRealPath().resolveSibling("kubectl." + serverMajorMinor);
      return Files.isRegularFile(sibling) && Files.isExecutable(sibling) ? Optional.of(sibling) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
