package io.glooupgrade.embedded.twin;

import java.util.Optional;

/** Sends a request to a Service's endpoints, as Envoy's cluster for an upstream does. */
interface Upstreams {

  /** The answer of one Ready endpoint, or empty when the Service has none that listens. */
  Optional<HttpAnswer> send(RouteConfig.Destination destination, HttpCall call);
}
