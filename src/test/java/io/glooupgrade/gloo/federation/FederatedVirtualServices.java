package io.glooupgrade.gloo.federation;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.kube.ClusterChanges;
import io.glooupgrade.kube.WaitTimeout;
import io.glooupgrade.kube.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * FederatedVirtualServices on the management cluster: the canary guide's example applied (step 8),
 * and where each federation says it placed them (step 9.1), read from
 * {@code status.namespacedPlacementStatuses.<federation namespace>.clusters.<cluster>.namespaces.<namespace>.state}.
 */
public final class FederatedVirtualServices {

  // What the harness did, in kubectl's words for one object: a title that says it is not kubectl's output.
  private static final String APPLIED = io.glooupgrade.gloo.glooctl.HarnessEquivalent.title("kubectl apply",
      "what was done through the API");

  public static final ResourceDefinitionContext FEDERATED_VIRTUAL_SERVICES = new ResourceDefinitionContext.Builder()
      .withGroup("fed.gateway.solo.io").withVersion("v1").withPlural("federatedvirtualservices")
      .withKind("FederatedVirtualService").withNamespaced(true).build();
  /** The guide's example (step 8): my-fed-vs, placed in remote1 and remote2, with a 1.13-only retryBackOff. */
  static final String GUIDE_EXAMPLE = "/samples/my-fed-vs.yaml";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One federation's placement of the resource in one namespace of one cluster. */
  public record Placement(String federationNamespace, String cluster, String namespace, String state,
      String message) {

    boolean sameTarget(Placement other) {
      return federationNamespace.equals(other.federationNamespace) && cluster.equals(other.cluster)
          && namespace.equals(other.namespace);
    }

    String describe() {
      return cluster + "/" + namespace + " by the federation in " + federationNamespace + ": " + state
          + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
  }

  private final KubernetesClient management;

  public FederatedVirtualServices(KubernetesClient management) {
    this.management = management;
  }

  /** The guide's example, as it would be applied in a namespace. */
  public static GenericKubernetesResource guideExample(String namespace) {
    try (InputStream yaml = FederatedVirtualServices.class.getResourceAsStream(GUIDE_EXAMPLE)) {
      if (yaml == null) {
        throw new IllegalStateException("sample " + GUIDE_EXAMPLE + " is missing from the test resources");
      }
      GenericKubernetesResource fvs = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
      fvs.getMetadata().setNamespace(namespace);
      return fvs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same resource without a field wherever it occurs in the spec (a revert to an older version's config). */
  public static GenericKubernetesResource without(GenericKubernetesResource fvs, String field) {
    GenericKubernetesResource copy = Serialization.clone(fvs);
    JsonNode spec = JSON.valueToTree(copy.getAdditionalProperties().get("spec"));
    removeEverywhere(spec, field);
    copy.getAdditionalProperties().put("spec", JSON.convertValue(spec, Map.class));
    return copy;
  }

  /**
   * The guide's example {@code name} in {@code namespace} (step 8), optionally without one of its
   * spec's fields (a rollback's revert), applied with {@link #apply}; the namespace it creates and the
   * resource are deleted when the scenario ends.
   */
  public void applyGuideExample(String name, String namespace, java.util.Optional<String> withoutField,
      ClusterChanges changes) {
    GenericKubernetesResource fvs = guideExample(namespace);
    // The feature names the guide's example; a different name would be a typo, not another resource.
    if (!fvs.getMetadata().getName().equals(name)) {
      throw new IllegalArgumentException("the guide's example is " + fvs.getMetadata().getName() + ", not " + name);
    }
    if (!changes.namespaceExists(namespace)) {
      Evidence.documentedCommand("kubectl create ns " + namespace);
      changes.createNamespace(namespace);
    }
    changes.undoWith("kubectl delete federatedvirtualservice -n " + namespace + " " + name,
        () -> delete(namespace, name));
    apply(withoutField.map(field -> without(fvs, field)).orElse(fvs));
  }

  /**
   * {@code kubectl apply -f -} of the resource: created, or its spec replaced (the statuses the
   * federations wrote stay, as with kubectl apply).
   */
  void apply(GenericKubernetesResource fvs) {
    String namespace = fvs.getMetadata().getNamespace();
    String yaml = Serialization.asYaml(fvs);
    Evidence.documentedCommand("kubectl apply -f - <<EOF\n" + yaml + "EOF");
    var resource = management.genericKubernetesResources(FEDERATED_VIRTUAL_SERVICES).inNamespace(namespace)
        .withName(fvs.getMetadata().getName());
    if (resource.get() == null) {
      management.genericKubernetesResources(FEDERATED_VIRTUAL_SERVICES).inNamespace(namespace).resource(fvs).create();
      Evidence.text(APPLIED, "federatedvirtualservice.fed.gateway.solo.io/" + fvs.getMetadata()
          .getName() + " created");
    } else {
      resource.edit(live -> {
        live.getAdditionalProperties().put("spec", fvs.getAdditionalProperties().get("spec"));
        return live;
      });
      Evidence.text(APPLIED, "federatedvirtualservice.fed.gateway.solo.io/" + fvs.getMetadata()
          .getName() + " configured");
    }
  }

  /** {@code kubectl delete federatedvirtualservice -n NS NAME}. */
  public void delete(String namespace, String name) {
    Evidence.documentedCommand("kubectl delete federatedvirtualservice -n " + namespace + " " + name);
    management.genericKubernetesResources(FEDERATED_VIRTUAL_SERVICES).inNamespace(namespace).withName(name).delete();
  }

  public boolean exists(String namespace, String name) {
    Evidence.documentedCommand("kubectl get federatedvirtualservice -n " + namespace + " " + name);
    return management.genericKubernetesResources(FEDERATED_VIRTUAL_SERVICES).inNamespace(namespace).withName(name)
        .get() != null;
  }

  /** Whether the resource's spec sets a field anywhere ({@code kubectl get ... -o yaml | grep FIELD}); attaches it. */
  public boolean specSets(String namespace, String name, String field) {
    Evidence.documentedCommand("kubectl get federatedvirtualservice -n " + namespace + " " + name + " -o yaml");
    attachYaml(namespace, name);
    GenericKubernetesResource fvs = management.genericKubernetesResources(FEDERATED_VIRTUAL_SERVICES)
        .inNamespace(namespace).withName(name).get();
    return fvs != null && !JSON.valueToTree(fvs.getAdditionalProperties().get("spec")).findPath(field).isMissingNode();
  }

  /** Every placement the federations report in the resource's status (none when it does not exist). */
  public List<Placement> placements(String namespace, String name) {
    GenericKubernetesResource fvs = management.genericKubernetesResources(FEDERATED_VIRTUAL_SERVICES)
        .inNamespace(namespace).withName(name).get();
    if (fvs == null) {
      return List.of();
    }
    JsonNode statuses = JSON.valueToTree(fvs.getAdditionalProperties().get("status"))
        .path("namespacedPlacementStatuses");
    List<Placement> placements = new ArrayList<>();
    statuses.fields().forEachRemaining(federation -> federation.getValue().path("clusters").fields()
        .forEachRemaining(cluster -> cluster.getValue().path("namespaces").fields()
            .forEachRemaining(ns -> placements.add(new Placement(federation.getKey(), cluster.getKey(), ns.getKey(),
                ns.getValue().path("state").asText("UNKNOWN"), ns.getValue().path("message").asText(""))))));
    return placements;
  }

  /**
   * Step 9.1: waits until every expected placement shows its expected state (as {@code kubectl get
   * federatedvirtualservice -o yaml} would), and attaches the resource with its status. On timeout
   * the failure lists what each federation last reported, FAILED placements with their message.
   */
  public List<Placement> awaitPlacements(String namespace, String name, List<Placement> expected) {
    Evidence.documentedCommand("kubectl get federatedvirtualservice -n " + namespace + " -o yaml");
    try {
      return Waits.until("FederatedVirtualService " + namespace + "/" + name + " to be placed as expected: "
              + expected.stream().map(Placement::describe).collect(Collectors.joining("; ")), WaitTimeout.CHECK,
          () -> placements(namespace, name), actual -> expected.stream().allMatch(e -> actual.stream()
              .anyMatch(a -> a.sameTarget(e) && a.state().equals(e.state()))),
          actual -> describe(expected, actual));
    } finally {
      attachYaml(namespace, name);
    }
  }

  private void attachYaml(String namespace, String name) {
    GenericKubernetesResource fvs = management.genericKubernetesResources(FEDERATED_VIRTUAL_SERVICES)
        .inNamespace(namespace).withName(name).get();
    Evidence.yaml("federatedvirtualservice " + namespace + "/" + name, fvs == null ? "not found"
        : Serialization.asYaml(fvs));
  }

  private static String describe(List<Placement> expected, List<Placement> actual) {
    if (actual == null) {
      return "  the FederatedVirtualService was not read";
    }
    StringBuilder out = new StringBuilder();
    for (Placement e : expected) {
      Optional<Placement> seen = actual.stream().filter(a -> a.sameTarget(e)).findFirst();
      out.append("  expected ").append(e.describe()).append("; reported: ")
          .append(seen.map(Placement::describe).orElse("no placement status from that federation for that target"))
          .append('\n');
    }
    List<Placement> others = actual.stream().filter(a -> expected.stream().noneMatch(a::sameTarget)).toList();
    others.forEach(o -> out.append("  also reported: ").append(o.describe()).append('\n'));
    return out.toString();
  }

  private static void removeEverywhere(JsonNode node, String field) {
    if (node.isObject()) {
      ((ObjectNode) node).remove(field);
    }
    for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
      removeEverywhere(children.next(), field);
    }
  }
}
