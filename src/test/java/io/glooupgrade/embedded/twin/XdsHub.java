package io.glooupgrade.embedded.twin;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The xDS connections between control planes and proxies, keyed by the server a control plane
 * serves on (its namespace and the port its Settings bind) and a proxy reaches through the Service
 * its bootstrap names: a proxy connecting gets the last configuration served there at once, as
 * Envoy does from a running gloo; a new control plane's configuration reaches every connected proxy.
 */
final class XdsHub {

  /** Where a gloo serves xDS: its pods' namespace and the container port it binds. */
  record Server(String namespace, int port) {
  }

  private final Map<Server, RouteConfig> latest = new ConcurrentHashMap<>();
  private final Map<Server, Set<Consumer<RouteConfig>>> proxies = new ConcurrentHashMap<>();
  private final Map<Server, Integer> controlPlanes = new ConcurrentHashMap<>();

  void publish(Server server, RouteConfig config) {
    latest.put(server, config);
    proxies.getOrDefault(server, Set.of()).forEach(p -> p.accept(config));
  }

  void connect(Server server, Consumer<RouteConfig> proxy) {
    proxies.computeIfAbsent(server, n -> ConcurrentHashMap.newKeySet()).add(proxy);
    RouteConfig config = latest.get(server);
    if (config != null) {
      proxy.accept(config);
    }
  }

  void disconnect(Server server, Consumer<RouteConfig> proxy) {
    proxies.getOrDefault(server, Set.of()).remove(proxy);
  }

  void controlPlaneStarted(Server server) {
    controlPlanes.merge(server, 1, Integer::sum);
  }

  void controlPlaneStopped(Server server) {
    controlPlanes.merge(server, -1, Integer::sum);
  }

  /** envoy_control_plane_connected_state: whether a gloo serves where the proxy connected. */
  boolean connected(Server server) {
    return controlPlanes.getOrDefault(server, 0) > 0;
  }
}
