package io.glooupgrade.embedded.apiserver;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where a pod's port listens, for the pod proxy subresource of the embedded API
 * ({@code /api/v1/namespaces/NS/pods/NAME:PORT/proxy/PATH}). On a real cluster the API server dials
 * the pod's IP; in the embedded cluster nothing runs at a pod IP, so whatever plays the pods (the
 * embedded Gloo twin) says which loopback address stands for a pod's port.
 *
 * <p>Called on the embedded API's request thread (a Vert.x event loop) for every proxied request:
 * answer from memory, without blocking and without calling the embedded API.
 */
@FunctionalInterface
public interface PodEndpoints {

  /** Resolves nothing: every pod proxy request is answered 503, as for a pod whose port has no listener. */
  PodEndpoints NONE = (namespace, pod, port) -> Optional.empty();

  /**
   * The address that answers for port {@code port} of pod {@code namespace/pod}, or empty when
   * nothing listens there (the proxy then answers 503 ServiceUnavailable, as a real API server does
   * when the dial is refused). Only called for pods that exist in the API's store.
   */
  Optional<InetSocketAddress> resolve(String namespace, String pod, int port);
}
