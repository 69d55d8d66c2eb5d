package io.glooupgrade.embedded.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.glooupgrade.embedded.controllers.ReconcileQueue;
import io.glooupgrade.embedded.faults.Faults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gloo control plane of one installation (one namespace, one version): it validates every
 * VirtualService, Upstream and Gateway it watches and writes its own status key on them,
 * translates the accepted VirtualServices into the Proxy {@code gateway-proxy} of its namespace,
 * and serves that configuration over xDS. Like gloo, it starts serving only once it has read its
 * Settings ({@value #SETTINGS_NAME} in its namespace), and binds xDS where they say. Two
 * installations side by side each do all of this, each under its own key.
 */
final class ControlPlane implements Workload {

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PROXY_NAME = "gateway-proxy";
  static final int METRICS_PORT = 9091;
  // The liveness probe's port (gloo.deployment.livenessProbeEnabled): served from the start.
  static final int HEALTH_PORT = 8765;
  static final String SETTINGS_NAME = "default";
  private static final int DEFAULT_XDS_PORT = 9977;

  private final KubernetesClient client;
  private final String namespace;
  private final String version;
  private final XdsHub hub;
  private final Runnable readinessChanged;
  private final ResourceStatus statuses;
  private final ReconcileQueue queue;
  private final Faults faults;
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private volatile boolean translated;
  private volatile XdsHub.Server server;
  private volatile String crashed;

  ControlPlane(KubernetesClient client, String namespace, String version, XdsHub hub, Faults faults,
      Runnable readinessChanged) {
    this.client = client;
    this.faults = faults;
    this.namespace = namespace;
    this.version = version;
    this.hub = hub;
    this.readinessChanged = readinessChanged;
    this.statuses = new ResourceStatus(client, namespace);
    this.queue = new ReconcileQueue("gloo-" + namespace);
    // Started off the caller's thread: the pod runtime's informer must not wait for these to sync.
    queue.enqueue("start", this::startWatching);
  }

  /** gloo's metrics port: the xDS snapshot counters glooctl check compares; and its health check. */
  @Override
  public Optional<HttpAnswer> handle(int port, HttpCall call) {
    if (port == HEALTH_PORT && call.path().equals("/healthz") && crashReason().isEmpty()) {
      return Optional.of(HttpAnswer.text(200, "OK\n"));
    }
    if (!listens(port) || port != METRICS_PORT || !call.path().equals("/metrics")) {
      return Optional.empty();
    }
    int entities = translated ? 1 : 0;
    return Optional.of(HttpAnswer.text(200, "# TYPE glooe_solo_io_xds_total_entities gauge\n"
        + "glooe_solo_io_xds_total_entities{resource=\"" + namespace + "." + PROXY_NAME + "\"} " + entities + "\n"
        + "# TYPE glooe_solo_io_xds_insync gauge\n"
        + "glooe_solo_io_xds_insync{resource=\"" + namespace + "." + PROXY_NAME + "\"} " + entities + "\n"));
  }

  private void startWatching() {
    try {
      informers.add(client.genericKubernetesResources(GlooResources.SETTINGS).inNamespace(namespace)
          .inform(Changes.handler(() -> queue.enqueue("settings", this::readSettings), (before, after) -> true)));
      for (var kind : List.of(GlooResources.VIRTUAL_SERVICES, GlooResources.UPSTREAMS, GlooResources.GATEWAYS,
          GlooResources.PROXIES)) {
        informers.add(client.genericKubernetesResources(kind).inAnyNamespace().inform(onAnyChange()));
      }
      queue.enqueue("settings", this::readSettings);
    } catch (RuntimeException e) {
      // Real gloo exits when its CRDs are missing; the kubelet then restarts it, again and again.
      LOG.warn("gloo {} in {} cannot watch its resources and crashes: {}", version, namespace, e.getMessage());
      crashed = "failed to start gloo: cannot list its custom resources (are the CRDs of " + version
          + " applied?): " + e.getMessage();
      readinessChanged.run();
    }
  }

  // gloo reads its Settings when it starts and waits while there are none; a later change needs a
  // restart, so the first Settings found are kept.
  private void readSettings() {
    if (server != null) {
      return;
    }
    GenericKubernetesResource settings = client.genericKubernetesResources(GlooResources.SETTINGS)
        .inNamespace(namespace).withName(SETTINGS_NAME).get();
    if (settings == null) {
      LOG.info("gloo {} in {} waits for its Settings {}.{}", version, namespace, namespace, SETTINGS_NAME);
      return;
    }
    JsonNode bind = JSON.valueToTree(settings.getAdditionalProperties().get("spec")).path("gloo").path("xdsBindAddr");
    server = new XdsHub.Server(namespace, bind.isTextual() ? port(bind.asText()) : DEFAULT_XDS_PORT);
    hub.controlPlaneStarted(server);
    readinessChanged.run();
    queue.enqueue("translate", this::translate);
  }

  private static int port(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  /** gloo listens on its xDS and metrics ports once it serves its Settings' configuration. */
  @Override
  public boolean listens(int port) {
    if (crashReason().isPresent()) {
      return false;
    }
    XdsHub.Server serving = server;
    return port == HEALTH_PORT || serving != null && (port == serving.port() || port == METRICS_PORT);
  }

  @Override
  public Optional<String> crashReason() {
    if (faults.glooCrashes(version)) {
      return Optional.of("panic: gloo " + version + " exited with code 2 (injected fault: crash-looping release)");
    }
    return Optional.ofNullable(crashed);
  }

  private void translate() {
    if (crashReason().isPresent() || server == null) {
      return;
    }
    List<GenericKubernetesResource> upstreams = list(GlooResources.UPSTREAMS, null);
    Map<String, RouteConfig.Destination> destinations = new LinkedHashMap<>();
    for (GenericKubernetesResource upstream : upstreams) {
      statuses.write(GlooResources.UPSTREAMS, upstream, ResourceStatus.status(ResourceStatus.ACCEPTED, "gloo", null));
      destinationOf(upstream).ifPresent(d -> destinations.put(d.upstream(), d));
    }
    List<RouteConfig.VirtualHost> accepted = new ArrayList<>();
    List<Object> proxyHosts = new ArrayList<>();
    for (GenericKubernetesResource vs : list(GlooResources.VIRTUAL_SERVICES, null)) {
      JsonNode spec = JSON.valueToTree(vs.getAdditionalProperties().get("spec"));
      List<String> unknown = unknownUpstreams(spec, destinations);
      if (faults.glooRejectsVirtualServices(version)) {
        unknown.add("this release no longer accepts the VirtualService's routes (injected fault)");
      }
      if (unknown.isEmpty()) {
        accepted.add(virtualHost(vs, spec, destinations));
        proxyHosts.add(proxyVirtualHost(vs, spec));
        List<String> warnings = shortCircuitedRoutes(spec);
        if (faults.glooWarnsOnVirtualServices(version)) {
          warnings.add("Route Warning: DeprecatedField. Reason: this release warns on every VirtualService"
              + " (injected fault)");
        }
        statuses.write(GlooResources.VIRTUAL_SERVICES, vs, warnings.isEmpty()
            ? ResourceStatus.status(ResourceStatus.ACCEPTED, "gateway", null)
            : ResourceStatus.status(ResourceStatus.WARNING, "gateway", String.join("; ", warnings)));
      } else {
        statuses.write(GlooResources.VIRTUAL_SERVICES, vs, ResourceStatus.status(ResourceStatus.REJECTED, "gateway",
            "Route Error: InvalidDestinationErr. Reason: " + String.join("; ", unknown)));
      }
    }
    List<GenericKubernetesResource> gateways = list(GlooResources.GATEWAYS, namespace);
    for (GenericKubernetesResource gateway : gateways) {
      statuses.write(GlooResources.GATEWAYS, gateway, ResourceStatus.status(ResourceStatus.ACCEPTED, "gateway", null));
    }
    if (!gateways.isEmpty()) {
      writeProxy(gateways, proxyHosts);
    }
    hub.publish(server, new RouteConfig(version, List.copyOf(accepted)));
    translated = true;
  }

  private void writeProxy(List<GenericKubernetesResource> gateways, List<Object> virtualHosts) {
    List<Object> listeners = new ArrayList<>();
    for (GenericKubernetesResource gateway : gateways) {
      JsonNode spec = JSON.valueToTree(gateway.getAdditionalProperties().get("spec"));
      Map<String, Object> listener = new LinkedHashMap<>();
      listener.put("name", "listener-::-" + spec.path("bindPort").asInt());
      listener.put("bindAddress", spec.path("bindAddress").asText("::"));
      listener.put("bindPort", spec.path("bindPort").asInt());
      // Virtual services without TLS are bound to the plain HTTP gateway, as Gloo does by default.
      listener.put("httpListener", Map.of("virtualHosts", spec.path("ssl").asBoolean(false) ? List.of() : virtualHosts));
      listeners.add(listener);
    }
    Map<String, Object> spec = Map.of("listeners", listeners);
    GenericKubernetesResource proxy = client.genericKubernetesResources(GlooResources.PROXIES).inNamespace(namespace)
        .withName(PROXY_NAME).get();
    if (proxy == null) {
      proxy = new GenericKubernetesResourceBuilder().withApiVersion("gloo.solo.io/v1").withKind("Proxy")
          .withNewMetadata().withName(PROXY_NAME).withNamespace(namespace).addToLabels("created_by", "gloo-gateway")
          .endMetadata().build();
      proxy.getAdditionalProperties().put("spec", spec);
      proxy = client.genericKubernetesResources(GlooResources.PROXIES).inNamespace(namespace).resource(proxy).create();
    } else if (!Objects.equals(JSON.valueToTree(proxy.getAdditionalProperties().get("spec")), JSON.valueToTree(spec))) {
      proxy.getAdditionalProperties().put("spec", spec);
      proxy = client.genericKubernetesResources(GlooResources.PROXIES).inNamespace(namespace).resource(proxy).update();
    }
    statuses.write(GlooResources.PROXIES, proxy, ResourceStatus.status(ResourceStatus.ACCEPTED, "gloo", null));
  }

  private static Optional<RouteConfig.Destination> destinationOf(GenericKubernetesResource upstream) {
    JsonNode kube = JSON.valueToTree(upstream.getAdditionalProperties().get("spec")).path("kube");
    if (kube.isMissingNode() || kube.path("serviceName").asText().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RouteConfig.Destination(key(upstream.getMetadata().getNamespace(),
        upstream.getMetadata().getName()), kube.path("serviceNamespace").asText(), kube.path("serviceName").asText(),
        kube.path("servicePort").asInt()));
  }

  private static List<String> unknownUpstreams(JsonNode spec, Map<String, RouteConfig.Destination> destinations) {
    List<String> unknown = new ArrayList<>();
    for (JsonNode route : spec.path("virtualHost").path("routes")) {
      JsonNode upstream = route.path("routeAction").path("single").path("upstream");
      if (!upstream.isMissingNode()) {
        String ref = key(upstream.path("namespace").asText(), upstream.path("name").asText());
        if (!destinations.containsKey(ref)) {
          unknown.add("*v1.Upstream { " + ref + " } not found");
        }
      }
    }
    return unknown;
  }

  /** Routes an earlier route with the very same matcher makes unreachable: a Warning, not an error. */
  private static List<String> shortCircuitedRoutes(JsonNode spec) {
    List<String> warnings = new ArrayList<>();
    List<JsonNode> seen = new ArrayList<>();
    int index = 0;
    for (JsonNode route : spec.path("virtualHost").path("routes")) {
      JsonNode matchers = route.path("matchers");
      int earlier = seen.indexOf(matchers);
      if (earlier >= 0) {
        warnings.add("Route Warning: UnusedRoute. Reason: route " + index + " is unreachable, route " + earlier
            + " has the same matchers and comes first");
      }
      seen.add(matchers);
      index++;
    }
    return warnings;
  }

  private static RouteConfig.VirtualHost virtualHost(GenericKubernetesResource vs, JsonNode spec,
      Map<String, RouteConfig.Destination> destinations) {
    List<String> domains = new ArrayList<>();
    spec.path("virtualHost").path("domains").forEach(d -> domains.add(d.asText()));
    if (domains.isEmpty()) {
      domains.add("*");
    }
    List<RouteConfig.Route> routes = new ArrayList<>();
    for (JsonNode route : spec.path("virtualHost").path("routes")) {
      JsonNode upstream = route.path("routeAction").path("single").path("upstream");
      if (upstream.isMissingNode()) {
        continue;
      }
      RouteConfig.Destination destination = destinations.get(key(upstream.path("namespace").asText(),
          upstream.path("name").asText()));
      JsonNode options = route.path("options");
      String prefixRewrite = options.hasNonNull("prefixRewrite") ? options.path("prefixRewrite").asText() : null;
      JsonNode retries = options.has("retries") ? options.get("retries") : null;
      JsonNode matchers = route.path("matchers");
      if (matchers.isEmpty()) {
        routes.add(new RouteConfig.Route("prefix", "/", prefixRewrite, destination, retries));
      }
      for (JsonNode m : matchers) {
        String kind = m.has("exact") ? "exact" : m.has("regex") ? "regex" : "prefix";
        routes.add(new RouteConfig.Route(kind, m.path(kind).asText("/"), prefixRewrite, destination, retries));
      }
    }
    return new RouteConfig.VirtualHost(key(vs.getMetadata().getNamespace(), vs.getMetadata().getName()), domains,
        routes);
  }

  private static Map<String, Object> proxyVirtualHost(GenericKubernetesResource vs, JsonNode spec) {
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("name", vs.getMetadata().getNamespace() + "-" + vs.getMetadata().getName());
    JsonNode domains = spec.path("virtualHost").path("domains");
    host.put("domains", domains.isArray() ? JSON.convertValue(domains, List.class) : List.of("*"));
    JsonNode routes = spec.path("virtualHost").path("routes");
    host.put("routes", routes.isArray() ? JSON.convertValue(routes, List.class) : List.of());
    return host;
  }

  private List<GenericKubernetesResource> list(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind,
      String inNamespace) {
    return inNamespace == null
        ? client.genericKubernetesResources(kind).inAnyNamespace().list().getItems()
        : client.genericKubernetesResources(kind).inNamespace(inNamespace).list().getItems();
  }

  private static String key(String ns, String name) {
    return ns + "." + name;
  }

  private ResourceEventHandler<GenericKubernetesResource> onAnyChange() {
    return Changes.handler(() -> queue.enqueue("translate", this::translate), (before, after) -> true);
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    queue.close();
    if (server != null) {
      hub.controlPlaneStopped(server);
    }
  }
}
