package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.embedded.DaemonThreads;
import io.glooupgrade.embedded.controllers.ControllerManager;
import io.glooupgrade.embedded.controllers.LoadBalancerAddresses;
import io.glooupgrade.embedded.controllers.PodReadiness;
import io.glooupgrade.embedded.faults.Faults;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The behavioural twin of Gloo Edge in one embedded cluster. It runs, for each pod, what its image
 * would run (gloo's control plane, discovery, the gateway-proxy's Envoy, the petstore), plays the
 * cloud load balancer, and tells the kubelet whether each pod's readiness probe passes. It sees
 * the cluster only through the Kubernetes API, as the real components do.
 */
public final class GlooTwin implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GlooTwin.class);

  private final KubernetesClient client;
  private final ProxyStartup startup;
  private final Faults faults;
  private final XdsHub hub = new XdsHub();
  private final AtomicReference<ControllerManager> controllers = new AtomicReference<>();
  private final LoadBalancers loadBalancers;
  private final ServiceEndpointsForApi serviceEndpoints;
  private final ClusterView cluster;
  private final PodRuntime runtime;
  private final PodPortListeners podPorts;
  private final java.util.Set<String> unmodelled = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final PodProbes probes = new PodProbes(unmodelled);
  private final ServiceDns dns;
  // Envoys resolving their xDS address until a Service answers share one timer.
  private final ScheduledExecutorService dnsRefresh =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("envoy-dns-refresh"));

  public GlooTwin(KubernetesClient client, ProxyStartup startup, Faults faults) {
    this.client = client;
    this.startup = startup;
    this.faults = faults;
    AtomicReference<LoadBalancers> lb = new AtomicReference<>();
    this.cluster = new ClusterView(client, s -> {
      if (lb.get() != null) {
        lb.get().serviceDeleted(s.getMetadata().getNamespace(), s.getMetadata().getName());
        faults.loadBalancerServiceDeleted();
      }
    });
    this.runtime = new PodRuntime(client, this::workloadFor, this::recheck);
    this.loadBalancers = new LoadBalancers(new ServiceRouting(cluster, runtime), cluster);
    lb.set(loadBalancers);
    this.podPorts = new PodPortListeners(runtime);
    this.serviceEndpoints = new ServiceEndpointsForApi(cluster, podPorts);
    this.dns = new ServiceDns(cluster);
    faults.onChange(this::faultsChanged);
  }

  // A switch flipped: licences may have lapsed, and every pod's readiness may have changed.
  private void faultsChanged() {
    runtime.running().forEach((pod, workload) -> {
      if (workload instanceof LicensedWorkload licensed) {
        licensed.refresh();
      }
      recheck(pod.substring(0, pod.indexOf('/')), pod.substring(pod.indexOf('/') + 1));
    });
  }

  // The kubelet looks at the pod again: its readiness may have changed.
  private void recheck(String namespace, String pod) {
    ControllerManager c = controllers.get();
    if (c != null) {
      c.recheckPod(namespace, pod);
    }
  }

  /** Connects the twin to the kubelet, which it tells when a pod's readiness changes. */
  public void attach(ControllerManager controllerManager) {
    controllers.set(controllerManager);
  }

  /**
   * The kubelet's verdict on a pod whose containers it runs: they start now (a real kubelet reports
   * Ready only for a started container, probe or not, so a component that exits at start is never
   * Ready); a workload that exits crash-loops, so does one whose liveness probe fails; otherwise
   * Ready when every readiness probe passes against what the pod runs (no probe: Ready).
   */
  public PodReadiness readiness() {
    return pod -> {
      Workload workload = runtime.startedFor(pod);
      Optional<String> crash = workload.crashReason();
      if (crash.isPresent()) {
        return PodReadiness.Verdict.crashLoop(crash.get());
      }
      Optional<String> liveness = probes.failure(pod, workload, "Liveness", Container::getLivenessProbe);
      if (liveness.isPresent()) {
        return PodReadiness.Verdict.crashLoop(liveness.get());
      }
      return probes.failure(pod, workload, "Readiness", Container::getReadinessProbe)
          .map(PodReadiness.Verdict::notReady).orElse(PodReadiness.Verdict.READY);
    };
  }

  public LoadBalancerAddresses loadBalancers() {
    return loadBalancers;
  }

  /**
   * Where a Service's port is reached on loopback, for the API's admission webhooks (gloo's
   * validation): a Ready endpoint's TLS listener, presenting the pod's own certificate.
   */
  public Optional<InetSocketAddress> serviceEndpoint(String namespace, String service, int port) {
    return serviceEndpoints.resolve(namespace, service, port);
  }

  /** Where a pod's port listens on loopback (Envoy's admin port), for the API's pod proxy. */
  public Optional<InetSocketAddress> endpoint(String namespace, String pod, int port) {
    Optional<Workload> workload = runtime.workload(namespace, pod)
        .flatMap(w -> w instanceof LicensedWorkload licensed ? licensed.component() : Optional.of(w));
    if (workload.isEmpty()) {
      return Optional.empty();
    }
    if (workload.get() instanceof EnvoyProxy envoy && port == EnvoyProxy.ADMIN_PORT) {
      return Optional.of(envoy.adminAddress());
    }
    return Optional.of(podPorts.resolve(namespace, pod, port));
  }

  private Workload workloadFor(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    Runnable recheck = () -> recheck(namespace, name);
    for (Container container : pod.getSpec().getContainers()) {
      String image = container.getImage() == null ? "" : container.getImage();
      String component = component(image);
      String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "latest";
      Optional<java.util.function.Supplier<Workload>> workload = switch (component) {
        case "gloo", "gloo-ee" -> Optional.of(() -> new GlooPod(
            new ControlPlane(client, namespace, tag, hub, faults, recheck), ValidationWebhook.of(pod, tag, faults),
            MountedTlsSecret.of(client, pod, container)));
        case "discovery", "discovery-ee" -> Optional.of(() -> new Discovery(client, namespace));
        case "gloo-envoy-wrapper", "gloo-ee-envoy-wrapper" -> Optional.of(() -> new EnvoyProxy(
            xdsServer(pod, container), dnsRefresh, tag, hub, new ServiceRouting(cluster, runtime), startup, faults,
            recheck));
        case "petstore-example" -> Optional.of(Petstore::new);
        case "gloo-fed" -> Optional.of(() -> new FederationController(client, namespace, name, faults));
        default -> Optional.empty();
      };
      if (workload.isPresent()) {
        // Enterprise images check their licence first (Envoy has no licence check in Enterprise).
        return (component.endsWith("-ee") || component.equals("gloo-fed")) && !component.contains("envoy")
            ? new LicensedWorkload(Licence.of(client, pod, faults), workload.get())
            : workload.get().get();
      }
      if (component.endsWith("-ee")) {
        // Its licence check is modelled, what it serves is not.
        unmodelled.add(image);
        return new LicensedWorkload(Licence.of(client, pod, faults), () -> () -> { });
      }
    }
    // An image the twin does not model: an inert container that becomes Ready.
    pod.getSpec().getContainers().forEach(c -> unmodelled.add(String.valueOf(c.getImage())));
    return () -> { };
  }

  // The Service port the Envoy's bootstrap names, looked up in the cluster's DNS each time it is asked.
  private java.util.function.Supplier<Optional<XdsHub.Server>> xdsServer(Pod pod, Container container) {
    try {
      EnvoyBootstrap.XdsAddress address = EnvoyBootstrap.xdsAddress(client, pod, container);
      return () -> dns.resolve(address.host(), address.port(), pod.getMetadata().getNamespace());
    } catch (EnvoyBootstrap.Unusable e) {
      LOG.warn("Envoy of pod {}/{} has no xDS server: {}", pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(), e.getMessage());
      return Optional::empty;
    }
  }

  /** The images of serving pods the twin ran as inert containers (or licence checks only). */
  public java.util.Set<String> unmodelledImages() {
    return java.util.Set.copyOf(unmodelled);
  }

  private static String component(String image) {
    String path = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = path.lastIndexOf(':');
    if (colon > path.lastIndexOf('/')) {
      path = path.substring(0, colon);
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    dnsRefresh.shutdownNow();
    serviceEndpoints.close();
    podPorts.close();
    runtime.close();
    loadBalancers.close();
    cluster.close();
  }
}
