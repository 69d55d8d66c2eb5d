package io.glooupgrade.embedded.twin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glooupgrade.embedded.faults.Faults;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Envoy of one gateway-proxy pod: it routes accepted VirtualServices once it has its
 * configuration from the control plane its bootstrap names (resolved through the cluster's DNS
 * until a Service answers, as Envoy's STRICT_DNS cluster does) and has started; before that it refuses
 * traffic, which is why a pod that Kubernetes calls Ready without a readiness probe drops requests.
 * Its admin port answers {@code /ready}, {@code /stats/prometheus}, {@code /server_info} and
 * {@code /config_dump} as Envoy's does.
 */
final class EnvoyProxy implements Workload {

  static final int ADMIN_PORT = 19000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final long DNS_REFRESH_MILLIS = 250;

  private final XdsHub hub;
  private final Upstreams upstreams;
  private final Runnable readinessChanged;
  private final Faults faults;
  private final String version;
  private final AtomicLong rejectedUpdates = new AtomicLong();
  private final AdminServer admin;
  private final AtomicBoolean started = new AtomicBoolean();
  private final Consumer<RouteConfig> subscription = this::configure;
  private final Supplier<Optional<XdsHub.Server>> xds;
  private final ScheduledFuture<?> dialling;
  private volatile RouteConfig config;
  private volatile XdsHub.Server server;

  EnvoyProxy(Supplier<Optional<XdsHub.Server>> xds, ScheduledExecutorService dns, String version, XdsHub hub,
      Upstreams upstreams, ProxyStartup startup, Faults faults, Runnable readinessChanged) {
    this.xds = xds;
    this.version = version;
    this.faults = faults;
    this.hub = hub;
    this.upstreams = upstreams;
    this.readinessChanged = readinessChanged;
    this.admin = new AdminServer(this::adminCall);
    synchronized (this) {
      // dial() takes this lock too, so its first run sees the future it may cancel.
      this.dialling = dns.scheduleWithFixedDelay(this::dial, 0, DNS_REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }
    startup.warmUp().thenRun(() -> {
      started.set(true);
      readinessChanged.run();
    });
  }

  // Until the xDS address resolves to a Service port; then the connection is kept.
  private synchronized void dial() {
    if (server != null || dialling.isCancelled()) {
      return;
    }
    Optional<XdsHub.Server> found = xds.get();
    if (found.isPresent()) {
      server = found.get();
      dialling.cancel(false);
      hub.connect(server, subscription);
    }
  }

  private void configure(RouteConfig newConfig) {
    boolean first = config == null;
    if (faults.proxiesRejectConfiguration(version)) {
      // Envoy NACKs the update: it keeps what it had (nothing, for a new proxy) and counts it.
      rejectedUpdates.incrementAndGet();
      if (first) {
        config = new RouteConfig(newConfig.controlPlaneVersion(), java.util.List.of());
      }
    } else {
      config = newConfig;
    }
    if (first) {
      readinessChanged.run();
    }
  }

  /** What Envoy's /ready says: normally whether it serves; with the fault, always yes. */
  private boolean ready() {
    return faults.proxiesReadyBeforeServingEnabled() || serving();
  }

  private boolean serving() {
    return started.get() && config != null;
  }

  /** The admin port from the start, the gateway's listeners once Envoy serves. */
  @Override
  public boolean listens(int port) {
    return port == ADMIN_PORT || (port == 8080 || port == 8443) && serving();
  }

  InetSocketAddress adminAddress() {
    return admin.address();
  }

  @Override
  public Optional<HttpAnswer> handle(int port, HttpCall call) {
    if (port == ADMIN_PORT) {
      return Optional.of(adminCall(call));
    }
    if (port != 8080 && port != 8443) {
      return Optional.empty();
    }
    if (faults.trafficRefusedNow()) {
      return Optional.of(HttpAnswer.text(503, "upstream connect error or disconnect/reset before headers. "
          + "reset reason: connection refused (injected outage)"));
    }
    if (!serving()) {
      return Optional.of(HttpAnswer.text(503,
          "upstream connect error or disconnect/reset before headers. reset reason: connection failure"));
    }
    java.time.Duration delay = faults.gatewayDelay();
    if (!delay.isZero()) {
      // An overloaded Envoy: the answer comes, late.
      java.util.concurrent.locks.LockSupport.parkNanos(delay.toNanos());
    }
    return Optional.of(route(call));
  }

  private HttpAnswer route(HttpCall call) {
    String host = call.host().contains(":") ? call.host().substring(0, call.host().indexOf(':')) : call.host();
    for (RouteConfig.VirtualHost vh : config.virtualHosts()) {
      if (vh.domains().contains("*") || vh.domains().contains(host) || vh.domains().contains(call.host())) {
        for (RouteConfig.Route route : vh.routes()) {
          if (route.matches(call.path())) {
            if (faults.upstreamsWithoutEndpoints(version)) {
              return HttpAnswer.text(503, "no healthy upstream");
            }
            return upstreams.send(route.destination(), call.withPath(route.rewrite(call.path())))
                .orElse(HttpAnswer.text(503, "no healthy upstream"));
          }
        }
        return HttpAnswer.text(404, "");
      }
    }
    return HttpAnswer.text(404, "");
  }

  private HttpAnswer adminCall(HttpCall call) {
    return switch (call.path()) {
      case "/ready" -> ready() ? HttpAnswer.text(200, "LIVE\n") : HttpAnswer.text(503,
          config == null ? "PRE_INITIALIZING\n" : "INITIALIZING\n");
      case "/server_info" -> HttpAnswer.json(200, "{\"state\":\"" + (serving() ? "LIVE" : "INITIALIZING") + "\"}");
      case "/stats/prometheus" -> HttpAnswer.text(200, stats());
      case "/config_dump" -> HttpAnswer.json(200, configDump());
      default -> HttpAnswer.text(404, "envoy admin: no such endpoint " + call.path() + "\n");
    };
  }

  private String stats() {
    return "# TYPE envoy_control_plane_connected_state gauge\n"
        + "envoy_control_plane_connected_state{} " + (server != null && hub.connected(server) ? 1 : 0) + "\n"
        + "# TYPE envoy_cluster_manager_cds_update_rejected counter\n"
        + "envoy_cluster_manager_cds_update_rejected{} " + rejectedUpdates.get() + "\n"
        + "# TYPE envoy_cluster_manager_cds_update_failure counter\n"
        + "envoy_cluster_manager_cds_update_failure{} 0\n"
        + "# TYPE envoy_listener_manager_lds_update_rejected counter\n"
        + "envoy_listener_manager_lds_update_rejected{} " + rejectedUpdates.get() + "\n"
        + "# TYPE envoy_listener_manager_lds_update_failure counter\n"
        + "envoy_listener_manager_lds_update_failure{} 0\n"
        + "# TYPE envoy_server_live gauge\n"
        + "envoy_server_live{} " + (serving() ? 1 : 0) + "\n";
  }

  private String configDump() {
    ObjectNode dump = JSON.createObjectNode();
    RouteConfig current = config;
    ArrayNode hosts = dump.putArray("virtualHosts");
    if (current != null) {
      dump.put("controlPlaneVersion", current.controlPlaneVersion());
      for (RouteConfig.VirtualHost vh : current.virtualHosts()) {
        ObjectNode h = hosts.addObject().put("name", vh.name());
        vh.domains().forEach(h.putArray("domains")::add);
        ArrayNode routes = h.putArray("routes");
        for (RouteConfig.Route r : vh.routes()) {
          ObjectNode route = routes.addObject();
          route.putObject("match").put(r.matchKind(), r.matchValue());
          route.put("prefixRewrite", r.prefixRewrite()).put("upstream", r.destination().upstream());
          if (r.retries() != null) {
            route.set("retries", r.retries());
          }
        }
      }
    }
    return dump.toString();
  }

  @Override
  public synchronized void close() {
    dialling.cancel(false);
    if (server != null) {
      hub.disconnect(server, subscription);
    }
    admin.close();
  }
}
