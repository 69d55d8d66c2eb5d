package io.glooupgrade.embedded;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import io.glooupgrade.embedded.controllers.ControllerManager;
import io.glooupgrade.embedded.controllers.LoadBalancerAddresses;
import io.glooupgrade.embedded.controllers.PodReadiness;

/**
 * One embedded Kubernetes cluster: the API server plus the controllers that make its objects
 * behave (Deployments roll out, Jobs complete, LoadBalancers get addresses).
 */
public final class EmbeddedCluster implements AutoCloseable {

  private final String name;
  private final EmbeddedApiServer api;
  private final KubernetesClient controllerClient;
  private final ControllerManager controllers;

  private EmbeddedCluster(String name, EmbeddedApiServer api, PodReadiness readiness, LoadBalancerAddresses lb) {
    this.name = name;
    this.api = api;
    this.controllerClient = new KubernetesClientBuilder().withConfig(Config.empty()).editOrNewConfig()
        .withMasterUrl(api.url()).withNamespace("default").withRequestTimeout(10_000).endConfig().build();
    this.controllers = new ControllerManager(controllerClient, readiness, lb).start();
  }

  public static EmbeddedCluster start(String name, String kubernetesVersion) {
    return start(name, kubernetesVersion, PodReadiness.ALWAYS, LoadBalancerAddresses.LOOPBACK);
  }

  public static EmbeddedCluster start(String name, String kubernetesVersion, PodReadiness readiness,
      LoadBalancerAddresses lb) {
    return new EmbeddedCluster(name, EmbeddedApiServer.start(kubernetesVersion), readiness, lb);
  }

  public String name() {
    return name;
  }

  public String url() {
    return api.url();
  }

  public ControllerManager controllers() {
    return controllers;
  }

  @Override
  public void close() {
    controllers.close();
    controllerClient.close();
    api.close();
  }
}
