package io.glooupgrade.selftest.support;

import io.glooupgrade.gloo.Edition;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.glooupgrade.embedded.EmbeddedWorld;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.helm.HelmRelease;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.kube.Target;
import io.glooupgrade.traffic.GatewayAddress;
import java.util.Optional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An embedded world seen the way the harness sees a cluster: through its kubeconfig, Helm and
 * HTTP. The twin's tests act and assert only through this, never on the twin's internals.
 */
public final class TwinWorld implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(20);
  public static final ResourceDefinitionContext VIRTUAL_SERVICES =
      context("gateway.solo.io", "virtualservices", "VirtualService");
  public static final ResourceDefinitionContext GATEWAYS = context("gateway.solo.io", "gateways", "Gateway");
  public static final ResourceDefinitionContext UPSTREAMS = context("gloo.solo.io", "upstreams", "Upstream");
  public static final ResourceDefinitionContext PROXIES = context("gloo.solo.io", "proxies", "Proxy");

  public final Target target;
  public final GlooEdge gloo;
  public final KubernetesClient client;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public TwinWorld(Path workDir, ProxyStartup startup) {
    this(workDir, startup, Faults.none());
  }

  public TwinWorld(Path workDir, ProxyStartup startup, Faults faults) {
    EmbeddedWorld world = EmbeddedWorld.start("1.31.4", startup, faults);
    target = Target.of("embedded", new KubeContext(world.contextName(), world.kubeconfig()),
        world.helmRepositoryUrls(), List.of(world));
    gloo = new GlooEdge(target, target.cluster(), workDir, Optional.empty());
    client = target.cluster().newClient();
    gloo.charts().add(Edition.OSS);
  }

  public void install(String namespace, String version, Map<String, String> sets) {
    HelmRelease release = new GlooInstallation(namespace, version).helmRelease();
    for (Map.Entry<String, String> set : sets.entrySet()) {
      release = release.withSet(set.getKey(), set.getValue());
    }
    gloo.helm().install(release);
    gloo.releases().awaitRolledOut(new GlooInstallation(namespace, version));
  }

  /** Pods of a namespace with the label gloo=COMPONENT, not terminating. */
  public List<io.fabric8.kubernetes.api.model.Pod> pods(String namespace, String component) {
    return client.pods().inNamespace(namespace).withLabel("gloo", component).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  public void applySample(String resource) {
    try (InputStream yaml = getClass().getResourceAsStream("/samples/" + resource)) {
      client.load(yaml).items().forEach(o -> client.resource(o).createOr(existing -> existing.update()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public GenericKubernetesResource get(ResourceDefinitionContext kind, String namespace, String name) {
    return client.genericKubernetesResources(kind).inNamespace(namespace).withName(name).get();
  }

  /** {@code status.statuses.<reporter>} of a resource, or null. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> statusOf(GenericKubernetesResource resource, String reporter) {
    if (resource == null || !(resource.getAdditionalProperties().get("status") instanceof Map<?, ?> status)) {
      return null;
    }
    Object statuses = status.get("statuses");
    return statuses instanceof Map<?, ?> m ? (Map<String, Object>) m.get(reporter) : null;
  }

  /** The gateway's address as a client outside the cluster finds it: the LoadBalancer ingress. */
  public URI gatewayUrl(String namespace) {
    return await().atMost(TIMEOUT).until(() -> gatewayAddress(namespace), u -> u != null);
  }

  private URI gatewayAddress(String namespace) {
    return GatewayAddress.of(client, namespace).orElse(null);
  }


  public HttpResponse<String> send(URI base, String path) {
    try {
      return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET through the Kubernetes API's pod proxy, as glooctl reads Envoy's admin port. */
  public HttpResponse<String> podProxy(HasMetadata pod, int port, String path) {
    URI api = URI.create(client.getMasterUrl().toString());
    return send(api, "/api/v1/namespaces/" + pod.getMetadata().getNamespace() + "/pods/"
        + pod.getMetadata().getName() + ":" + port + "/proxy" + path);
  }

  private static ResourceDefinitionContext context(String group, String plural, String kind) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withPlural(plural)
        .withKind(kind).withNamespaced(true).build();
  }

  @Override
  public void close() {
    client.close();
    gloo.close();
    target.close();
  }
}
