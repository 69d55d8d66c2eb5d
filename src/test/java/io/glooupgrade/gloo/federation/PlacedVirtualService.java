package io.glooupgrade.gloo.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.kube.WaitTimeout;
import io.glooupgrade.kube.Waits;
import java.util.List;
import java.util.Optional;

/**
 * A VirtualService a federation placed in a remote cluster, as that cluster's API keeps it: fields
 * its Gloo version's CRD does not declare are pruned (step 9.2 of the Federation canary upgrade).
 */
public record PlacedVirtualService(String cluster, String namespace, String name, JsonNode spec) {

  static final ResourceDefinitionContext VIRTUAL_SERVICES = new ResourceDefinitionContext.Builder()
      .withGroup("gateway.solo.io").withVersion("v1").withPlural("virtualservices").withKind("VirtualService")
      .withNamespaced(true).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code kubectl get virtualservices -n NS --context CLUSTER -o yaml}, attached; empty if it is not there. */
  public static Optional<PlacedVirtualService> read(KubernetesClient remote, String cluster, String namespace,
      String name) {
    Evidence.documentedCommand("kubectl get virtualservices -n " + namespace + " --context " + cluster + " -o yaml");
    GenericKubernetesResource vs = remote.genericKubernetesResources(VIRTUAL_SERVICES)
        .inNamespace(namespace).withName(name).get();
    Evidence.yaml("virtualservice " + namespace + "/" + name + " in " + cluster, vs == null
        ? "Error from server (NotFound): virtualservices.gateway.solo.io \"" + name + "\" not found"
        : Serialization.asYaml(vs));
    return Optional.ofNullable(vs).map(v -> new PlacedVirtualService(cluster, namespace, name,
        JSON.valueToTree(v.getAdditionalProperties().get("spec"))));
  }

  /**
   * Waits until the VirtualService and its namespace are gone from a remote (a namespace's contents
   * may go a moment after the namespace object), as {@code kubectl get} of both then shows.
   */
  public static void awaitGoneWithNamespace(KubernetesClient remote, String cluster, String namespace, String name) {
    Evidence.documentedCommand("kubectl get ns " + namespace + " --context " + cluster + "; kubectl get virtualservices -n "
        + namespace + " " + name + " --context " + cluster);
    Waits.until("VirtualService " + namespace + "/" + name + " and its namespace to be gone from " + cluster,
        WaitTimeout.ROLLOUT, () -> List.of(remote.namespaces().withName(namespace).get() != null,
            remote.genericKubernetesResources(VIRTUAL_SERVICES).inNamespace(namespace).withName(name).get() != null),
        still -> !still.get(0) && !still.get(1),
        still -> "  namespace " + namespace + (still.get(0) ? " still there" : " gone") + ", VirtualService " + name
            + (still.get(1) ? " still there" : " gone"));
  }

  /** The retry policy of its first route ({@code routes[0].options.retries}), missing if it has none. */
  public JsonNode retries() {
    return spec.at("/virtualHost/routes/0/options/retries");
  }

  String where() {
    return "VirtualService " + namespace + "/" + name + " in " + cluster;
  }
}
