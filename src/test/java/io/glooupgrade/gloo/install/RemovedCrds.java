package io.glooupgrade.gloo.install;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.kube.WaitTimeout;
import io.glooupgrade.kube.Waits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 4.2.1 of the Upgrade Steps guide: the CRDs the new version removed, as they stand in the
 * cluster. Deleting a CRD deletes every custom resource stored under it, so the harness deletes
 * only CRDs that hold none, and otherwise names the resources to migrate first (step 4.3: address
 * breaking changes in your resources before you upgrade).
 */
public final class RemovedCrds {

  private final KubernetesClient client;
  private final List<String> removed;

  /** {@code removed}: the CRDs of the current chart that the new chart no longer has. */
  public RemovedCrds(KubernetesClient client, List<String> removed) {
    this.client = client;
    this.removed = List.copyOf(removed);
  }

  /** The removed CRDs the cluster still has. */
  public List<String> inCluster() {
    return removed.stream().filter(name -> crd(name) != null).toList();
  }

  /** The custom resources still stored under each removed CRD of the cluster ({@code namespace/name}). */
  public Map<String, List<String>> customResources() {
    Map<String, List<String>> stored = new LinkedHashMap<>();
    for (String name : removed) {
      CustomResourceDefinition crd = crd(name);
      if (crd == null) {
        continue;
      }
      Evidence.documentedCommand("kubectl get " + name + " -A");
      List<String> resources = new ArrayList<>();
      for (GenericKubernetesResource r : client.genericKubernetesResources(CustomResourceDefinitionContext.fromCrd(crd))
          .inAnyNamespace().list().getItems()) {
        String namespace = r.getMetadata().getNamespace();
        resources.add((namespace == null ? "" : namespace + "/") + r.getMetadata().getName());
      }
      if (!resources.isEmpty()) {
        stored.put(name, resources);
      }
    }
    return stored;
  }

  /**
   * {@code kubectl delete crd NAME} for each removed CRD of the cluster; refused, before anything
   * is deleted, while one still stores custom resources. Returns the CRDs deleted (none is fine:
   * most minors remove no CRD).
   */
  public List<String> delete(String newVersion) {
    List<String> present = inCluster();
    if (present.isEmpty()) {
      Evidence.text("removed CRDs", "No CRD of the installed chart is missing from the chart of " + newVersion
          + ": nothing to delete.");
      return List.of();
    }
    Map<String, List<String>> stored = customResources();
    if (!stored.isEmpty()) {
      throw new AssertionError("Gloo Edge " + newVersion + " removes CRDs that still hold custom resources; "
          + "deleting the CRDs would delete them too. Migrate or delete them first (Upgrade Steps, step 4.3):\n  "
          + describe(stored));
    }
    new CustomResourceDefinitions(client).delete(present);
    // A real API server removes a CRD only once its finalizer has deleted the stored resources.
    Waits.until("the removed CRDs to be gone: " + present, WaitTimeout.CHECK, this::inCluster, List::isEmpty,
        left -> "  still in the cluster: " + left);
    Evidence.text("removed CRDs", "Deleted, as Gloo Edge " + newVersion + " no longer has them: "
        + String.join(", ", present));
    return present;
  }

  public static String describe(Map<String, List<String>> stored) {
    StringBuilder out = new StringBuilder();
    stored.forEach((crd, resources) -> out.append(out.length() == 0 ? "" : "\n  ").append(crd).append(": ")
        .append(resources.size()).append(" left (").append(String.join(", ", resources)).append(")"));
    return out.toString();
  }

  private CustomResourceDefinition crd(String name) {
    return client.apiextensions().v1().customResourceDefinitions().withName(name).get();
  }
}
