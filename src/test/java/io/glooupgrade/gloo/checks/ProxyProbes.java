package io.glooupgrade.gloo.checks;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step 1's advice to avoid downtime: Envoy's readiness and liveness probes on during the upgrade,
 * so that Kubernetes sends requests only to a ready proxy. Read from the gateway-proxy Deployments
 * (label {@code gloo=gateway-proxy}); the chart leaves the probes off by default.
 */
public final class ProxyProbes {

  /** The warning for a proxy without a readiness probe. */
  public static final String PROBES_OFF = "probes off: Envoy may take traffic before it is ready";

  /** One gateway proxy's Envoy container: which probes it has, and whether it drains before it stops. */
  public record Proxy(String deployment, boolean readiness, boolean liveness, boolean gracefulShutdown) {

    String line() {
      return deployment + ": readinessProbe " + onOff(readiness) + ", livenessProbe " + onOff(liveness)
          + ", graceful shutdown (preStop) " + onOff(gracefulShutdown);
    }

    private static String onOff(boolean on) {
      return on ? "on" : "off";
    }
  }

  /** The proxies of a namespace and the warnings the guide's advice gives for them. */
  public record Report(String namespace, List<Proxy> proxies) {

    public List<String> warnings() {
      List<String> warnings = new ArrayList<>();
      for (Proxy p : proxies) {
        if (!p.readiness()) {
          warnings.add(p.deployment() + ": " + PROBES_OFF + " (set gatewayProxies.gatewayProxy.podTemplate.probes=true,"
              + " under gloo. for Enterprise)");
        }
        if (p.readiness() && !p.liveness()) {
          warnings.add(p.deployment() + ": liveness probe off: a hung Envoy is not restarted during the upgrade"
              + " (set gatewayProxies.gatewayProxy.podTemplate.livenessProbeEnabled=true)");
        }
      }
      return warnings;
    }

    public String output() {
      StringBuilder out = new StringBuilder("gateway proxies in " + namespace + ":\n");
      proxies.forEach(p -> out.append("  ").append(p.line()).append('\n'));
      List<String> warnings = warnings();
      out.append(warnings.isEmpty() ? "no warnings" : "Warnings:\n  " + String.join("\n  ", warnings));
      return out.toString();
    }
  }

  private ProxyProbes() {
  }

  public static Report read(KubernetesClient client, String namespace) {
    List<Proxy> proxies = client.apps().deployments().inNamespace(namespace).withLabel("gloo", "gateway-proxy")
        .list().getItems().stream().sorted(Comparator.comparing(d -> d.getMetadata().getName()))
        .map(ProxyProbes::of).toList();
    return new Report(namespace, proxies);
  }

  /** The Envoy container decides: the one named after the Deployment, else the first. */
  static Proxy of(Deployment deployment) {
    String name = deployment.getMetadata().getName();
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    Container envoy = containers.stream().filter(c -> c.getName().equals(name)).findFirst()
        .orElse(containers.get(0));
    return new Proxy(name, envoy.getReadinessProbe() != null, envoy.getLivenessProbe() != null,
        envoy.getLifecycle() != null && envoy.getLifecycle().getPreStop() != null);
  }
}
