package io.glooupgrade.embedded;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.glooupgrade.embedded.apiserver.ApiFaults;
import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import io.glooupgrade.embedded.controllers.ContainerLogs;
import io.glooupgrade.embedded.controllers.ControllerManager;
import io.glooupgrade.embedded.controllers.EmbeddedNode;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.faults.ForeignCaBundle;
import io.glooupgrade.embedded.twin.GlooTwin;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.embedded.controllers.ContainerImages;
import io.glooupgrade.embedded.programs.Certgen;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One embedded Kubernetes cluster: the API server, the controllers that make its objects behave
 * (Deployments roll out, Jobs complete, LoadBalancers get addresses) and the Gloo Edge twin that
 * runs what the pods' images would run.
 */
public final class EmbeddedCluster implements AutoCloseable {

  /** A new gateway-proxy's Envoy needs this long to start, as a real one needs a second or so. */
  public static final Duration PROXY_STARTUP = Duration.ofSeconds(1);

  private final String name;
  private final EmbeddedApiServer api;
  private final KubernetesClient client;
  private final GlooTwin twin;
  private final ControllerManager controllers;
  private final EmbeddedNode node;

  private EmbeddedCluster(String name, EmbeddedApiServer api, ProxyStartup startup, Faults faults) {
    this.name = name;
    this.api = api;
    this.client = new KubernetesClientBuilder().withConfig(Config.empty()).editOrNewConfig()
        .withMasterUrl(api.url()).withNamespace("default").withRequestTimeout(10_000)
        .withUserAgent(ApiFaults.WORLD_USER_AGENT).endConfig().build();
    api.apiFaults(faults.api());
    api.namespacesNeverFinalize(faults.namespaceDeletionsStuck());
    this.twin = new GlooTwin(client, startup, faults);
    // A real kubectl sends its token only over HTTPS: pods reach the API on its secure port.
    this.node = new EmbeddedNode(api.secureUrl(), api.certificateAuthority(), api.serviceAccountTokens()::issue,
        podLogs(api), (image, line, env, podClient, log) -> runProgram(image, line, env, podClient, log, faults),
        NodeDirectory.create(name));
    this.controllers = new ControllerManager(client, twin.readiness(), twin.loadBalancers(), node).start();
    twin.attach(controllers);
    api.podEndpoints(twin::endpoint);
    api.serviceEndpoints(twin::serviceEndpoint);
  }

  // The programs the node runs in-process by image: certgen.
  private static Optional<Integer> runProgram(String image, List<String> commandLine, Map<String, String> env,
      KubernetesClient client, PrintStream log, Faults faults) {
    if (ContainerImages.of(image) != ContainerImages.CERTGEN) {
      return Optional.empty();
    }
    // A command naming the binary itself (certgen, /usr/local/bin/certgen) is the entrypoint, not a flag.
    List<String> args = !commandLine.isEmpty() && commandLine.get(0).endsWith("certgen")
        ? commandLine.subList(1, commandLine.size()) : commandLine;
    int exit = Certgen.run(args, env, client, log);
    if (exit == 0 && faults.webhookTrustsAnotherCaAt(image.substring(image.lastIndexOf(':') + 1))) {
      ForeignCaBundle.replace(client, args);
    }
    return Optional.of(exit);
  }

  // The kubelet writes containers' output where the API's pods/NAME/log serves it.
  private static ContainerLogs podLogs(EmbeddedApiServer api) {
    return new ContainerLogs() {
      @Override
      public void append(String namespace, String pod, String container, String text) {
        api.podLogs().append(namespace, pod, container, text);
      }

      @Override
      public void forget(String namespace, String pod) {
        api.podLogs().forget(namespace, pod);
      }
    };
  }

  public static EmbeddedCluster start(String name, String kubernetesVersion) {
    return start(name, kubernetesVersion, ProxyStartup.after(PROXY_STARTUP), Faults.none());
  }

  public static EmbeddedCluster start(String name, String kubernetesVersion, ProxyStartup startup, Faults faults) {
    return new EmbeddedCluster(name, EmbeddedApiServer.start(kubernetesVersion), startup, faults);
  }

  public String name() {
    return name;
  }

  public String url() {
    return api.url();
  }

  /**
   * The images this cluster's pods ran without a model of what they do: inert serving containers,
   * licence checks only, Job containers that exited 0 at once.
   */
  public java.util.SortedSet<String> unmodelledImages() {
    java.util.SortedSet<String> images = new java.util.TreeSet<>(twin.unmodelledImages());
    images.addAll(controllers.unmodelledImages());
    return images;
  }

  public ControllerManager controllers() {
    return controllers;
  }

  @Override
  public void close() {
    controllers.close();
    twin.close();
    client.close();
    api.close();
    NodeDirectory.delete(node.directory());
  }
}
