package io.glooupgrade.world;

import io.glooupgrade.gloo.canary.NamespaceDeletion;
import io.glooupgrade.gloo.federation.ClusterRegistration;
import io.glooupgrade.gloo.federation.FederatedVirtualServices;
import io.glooupgrade.gloo.federation.Federation;
import io.glooupgrade.gloo.federation.PlacedVirtualService;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.gloo.install.Petstore;
import io.glooupgrade.kube.ClusterChanges;
import java.util.List;
import java.util.Optional;

/**
 * Gloo Edge Federation as one scenario sees it: gloo-fed on the management cluster, the remotes
 * registered with it, the federated virtual services it places there, and what each remote keeps;
 * every change records its undo.
 */
public final class ScenarioFederation {

  /** Where the remotes' Gloo Edge is registered from and placed into (glooctl's --remote-namespace default). */
  public static final String REMOTE_NAMESPACE = "gloo-system";

  private final ScenarioTarget target;
  private final ScenarioUndo undo;

  public ScenarioFederation(ScenarioTarget target, ScenarioUndo undo) {
    this.target = target;
    this.undo = undo;
  }

  /** The Gloo Edge actions on the management cluster. */
  public GlooEdge management() {
    return target.gloo();
  }

  public Federation federation() {
    return new Federation(management());
  }

  public FederatedVirtualServices federatedVirtualServices() {
    return new FederatedVirtualServices(management().client());
  }

  /** The docs' petstore and its upstream (no discovery runs on the remotes), deleted when the scenario ends. */
  public void deployPetstore(String remote) {
    var client = target.gloo(remote).client();
    ClusterChanges changes = undo.on(remote);
    changes.undoWith("kubectl delete -f petstore.yaml", () -> Petstore.remove(client));
    Petstore.deploy(client);
    changes.created(List.copyOf(Petstore.upstreamWithoutDiscovery(client, REMOTE_NAMESPACE)));
  }

  /** {@code glooctl cluster register}, undone by {@code glooctl cluster deregister}. */
  public void register(String remote, String federationNamespace) {
    registration().register(remote, target.gloo(remote), target.context(remote), federationNamespace,
        REMOTE_NAMESPACE);
    undo.onDefault().undoWith("glooctl cluster deregister --cluster-name " + remote + " --federation-namespace "
        + federationNamespace, () -> deregister(remote, federationNamespace));
  }

  /** {@code glooctl cluster deregister}. */
  public void deregister(String remote, String federationNamespace) {
    registration().deregister(remote, target.gloo(remote), federationNamespace, REMOTE_NAMESPACE);
  }

  /** What the registration of a remote left behind after its deregistration, on either cluster. */
  public List<String> registrationLeftovers(String remote, String federationNamespace) {
    return registration().remaining(remote, target.gloo(remote).client(), federationNamespace, REMOTE_NAMESPACE);
  }

  /** The guide's FederatedVirtualService, optionally without a spec field, applied and deleted at the end. */
  public void applyGuideExample(String name, String namespace, Optional<String> withoutField) {
    federatedVirtualServices().applyGuideExample(name, namespace, withoutField, undo.onDefault());
  }

  public boolean namespaceExistsOnManagement(String namespace) {
    return undo.onDefault().namespaceExists(namespace);
  }

  /**
   * {@code kubectl delete ns NS} on a cluster, waiting until it is gone; what the releases there
   * leave on the cluster is deleted when the scenario ends.
   */
  public void deleteNamespace(String cluster, String namespace) {
    var client = target.gloo(cluster).client();
    var leftBehind = NamespaceDeletion.delete(client, target.context(cluster), namespace);
    if (!leftBehind.isEmpty()) {
      undo.on(cluster).undoWith("kubectl delete the cluster-scoped objects " + namespace + " left on " + cluster,
          () -> NamespaceDeletion.removeLeftovers(client, leftBehind));
    }
  }

  /** A VirtualService a federation placed in a remote, as that remote's API keeps it. */
  public Optional<PlacedVirtualService> placed(String name, String namespace, String remote) {
    return PlacedVirtualService.read(target.gloo(remote).client(), remote, namespace, name);
  }

  /** Waits until a placed VirtualService is gone from a remote with its namespace. */
  public void awaitPlacedGone(String name, String remote, String namespace) {
    PlacedVirtualService.awaitGoneWithNamespace(target.gloo(remote).client(), remote, namespace, name);
  }

  private ClusterRegistration registration() {
    return new ClusterRegistration(management());
  }
}
