package io.glooupgrade.embedded.twin;

import io.glooupgrade.embedded.pki.ServingKey;
import java.util.Optional;

/** What runs in a pod of the embedded cluster: a Gloo component or a sample application. */
interface Workload extends AutoCloseable {

  /**
   * Whether something accepts TCP connections on the pod's port now: what a {@code tcpSocket}
   * probe finds. Ports served over HTTP are also answered by {@link #handle}.
   */
  default boolean listens(int port) {
    return false;
  }

  /** Why the container keeps exiting, when it does: the kubelet then reports CrashLoopBackOff. */
  default Optional<String> crashReason() {
    return Optional.empty();
  }

  /** Serves a request sent to the pod's port, if the workload listens there. */
  default Optional<HttpAnswer> handle(int port, HttpCall call) {
    return Optional.empty();
  }

  /**
   * The key and certificate a TLS port presents now, when the workload serves TLS there; empty for
   * a plain port, or while a TLS port has no certificate (its handshakes then fail).
   */
  default Optional<ServingKey> tlsCertificate(int port) {
    return Optional.empty();
  }

  @Override
  void close();
}
