package io.glooupgrade.embedded.twin;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The xDS connection between each installation's control plane and its proxies, keyed by the
 * installation namespace: a proxy connecting gets the last configuration at once, as Envoy does
 * from a running gloo; a new control plane's configuration reaches every connected proxy.
 */
final class XdsHub {

  private final Map<String, RouteConfig> latest = new ConcurrentHashMap<>();
  private final Map<String, Set<Consumer<RouteConfig>>> proxies = new ConcurrentHashMap<>();
  private final Map<String, Integer> controlPlanes = new ConcurrentHashMap<>();

  void publish(String namespace, RouteConfig config) {
    latest.put(namespace, config);
    proxies.getOrDefault(namespace, Set.of()).forEach(p -> p.accept(config));
  }

  void connect(String namespace, Consumer<RouteConfig> proxy) {
    proxies.computeIfAbsent(namespace, n -> ConcurrentHashMap.newKeySet()).add(proxy);
    RouteConfig config = latest.get(namespace);
    if (config != null) {
      proxy.accept(config);
    }
  }

  void disconnect(String namespace, Consumer<RouteConfig> proxy) {
    proxies.getOrDefault(namespace, Set.of()).remove(proxy);
  }

  void controlPlaneStarted(String namespace) {
    controlPlanes.merge(namespace, 1, Integer::sum);
  }

  void controlPlaneStopped(String namespace) {
    controlPlanes.merge(namespace, -1, Integer::sum);
  }

  /** envoy_control_plane_connected_state: whether a gloo of the namespace is running. */
  boolean connected(String namespace) {
    return controlPlanes.getOrDefault(namespace, 0) > 0;
  }
}
