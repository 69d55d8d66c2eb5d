package io.glooupgrade.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The changes a scenario makes on one cluster, each recorded with its undo, as the documented
 * command the undo stands for, before or as the change is made: a half-done change is undone too,
 * and against a real cluster a scenario leaves nothing behind. The one place that writes undos.
 */
public final class ClusterChanges {

  private final CleanupStack undo;
  private final KubernetesClient client;
  private final String context;

  public ClusterChanges(CleanupStack undo, KubernetesClient client, String context) {
    this.undo = undo;
    this.client = client;
    this.context = context;
  }

  /** Records how to undo a change this cluster is about to get, as the command a person would run. */
  public void undoWith(String command, Runnable action) {
    undo.push(command + " --context " + context, action);
  }

  public boolean namespaceExists(String namespace) {
    return client.namespaces().withName(namespace).get() != null;
  }

  /** Creates a namespace ({@code kubectl create ns NS}) unless it exists, its deletion the undo; says whether it did. */
  public boolean createNamespace(String namespace) {
    if (namespaceExists(namespace)) {
      return false;
    }
    undoDeleting(namespace);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    return true;
  }

  /**
   * Records the undo of what an install may create beyond its release: the namespace, if it does
   * not exist yet ({@code --create-namespace}), and the CRDs the cluster does not have yet.
   */
  public void namespaceAndCrdsAnInstallCreates(String namespace) {
    if (!namespaceExists(namespace)) {
      undoDeleting(namespace);
    }
    Set<String> before = crdNames();
    undoWith("kubectl delete crd (those the install created)", () -> {
      List<String> created = crdNames().stream().filter(n -> !before.contains(n)).toList();
      created.forEach(n -> client.apiextensions().v1().customResourceDefinitions().withName(n).delete());
    });
  }

  /** Objects a step created: each deleted when the scenario ends. */
  public void created(List<HasMetadata> objects) {
    for (HasMetadata o : objects) {
      undoWith("kubectl delete " + o.getKind().toLowerCase(Locale.ROOT) + " " + o.getMetadata().getName()
          + (o.getMetadata().getNamespace() == null ? "" : " -n " + o.getMetadata().getNamespace()),
          () -> client.resource(o).delete());
    }
  }

  private void undoDeleting(String namespace) {
    undoWith("kubectl delete namespace " + namespace, () -> client.namespaces().withName(namespace).delete());
  }

  private Set<String> crdNames() {
    return client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
        .map(CustomResourceDefinition::getMetadata).map(m -> m.getName()).collect(Collectors.toSet());
  }
}
