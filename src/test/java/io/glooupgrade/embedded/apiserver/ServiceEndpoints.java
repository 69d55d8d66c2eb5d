package io.glooupgrade.embedded.apiserver;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where a Service's port listens, for the admission webhooks the embedded API calls
 * ({@code clientConfig.service} of a ValidatingWebhookConfiguration). On a real cluster the API
 * server dials the Service through its endpoints; in the embedded cluster nothing runs at a
 * cluster IP, so whatever plays the pods (the embedded Gloo twin) says which loopback address
 * stands for a Service's port.
 *
 * <p>Called on the embedded API's request thread (a Vert.x event loop) for every webhook call:
 * answer from memory, without blocking and without calling the embedded API.
 */
@FunctionalInterface
public interface ServiceEndpoints {

  /** Resolves nothing: every webhook is unreachable, as for a Service without endpoints. */
  ServiceEndpoints NONE = (namespace, service, port) -> Optional.empty();

  /**
   * The loopback address that answers for port {@code port} of Service {@code namespace/service}
   * (the API server speaks TLS to it, as to a webhook on a real cluster), or empty when the Service
   * does not exist, does not declare the port or has no Ready endpoint (the call then fails and the
   * webhook's failurePolicy decides).
   */
  Optional<InetSocketAddress> resolve(String namespace, String service, int port);
}
