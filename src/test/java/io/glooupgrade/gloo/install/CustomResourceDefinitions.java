package io.glooupgrade.gloo.install;

import io.glooupgrade.gloo.Edition;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.evidence.ObjectChange;
import io.glooupgrade.helm.PulledChart;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * CRDs of a chart and of the cluster: applying a chart's {@code crds/} ({@code kubectl apply -f
 * gloo/crds}), which {@code helm upgrade} never does, and reading what the cluster has.
 */
public final class CustomResourceDefinitions {

  private final KubernetesClient client;

  public CustomResourceDefinitions(KubernetesClient client) {
    this.client = client;
  }

  /** The CRDs of a {@code helm show crds} YAML stream. */
  /** The CRDs a pulled chart ships where the edition's guide applies them from ({@code gloo/crds}, ...). */
  public static List<CustomResourceDefinition> inChart(Edition edition, PulledChart chart) {
    return parse(chart.yamlIn(edition.crdFolder()));
  }

  public static List<CustomResourceDefinition> parse(String yamlStream) {
    List<CustomResourceDefinition> crds = new java.util.ArrayList<>();
    for (String document : yamlStream.split("(?m)^---\\s*$")) {
      if (document.isBlank() || document.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
        continue;
      }
      Object parsed = Serialization.unmarshal(document);
      if (parsed instanceof CustomResourceDefinition crd) {
        crds.add(crd);
      } else if (parsed instanceof List<?> list) {
        list.stream().filter(CustomResourceDefinition.class::isInstance)
            .map(CustomResourceDefinition.class::cast).forEach(crds::add);
      }
    }
    return crds;
  }

  /** Creates each CRD, or replaces its spec when it exists: what {@code kubectl apply -f} amounts to. */
  public void apply(List<CustomResourceDefinition> crds, String documentedCommand) {
    Evidence.documentedCommand(documentedCommand);
    String before = summary(inCluster());
    StringBuilder out = new StringBuilder();
    for (CustomResourceDefinition crd : crds) {
      String name = crd.getMetadata().getName();
      CustomResourceDefinition live = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
      if (live == null) {
        client.apiextensions().v1().customResourceDefinitions().resource(clean(crd)).create();
        out.append("customresourcedefinition.apiextensions.k8s.io/").append(name).append(" created\n");
      } else if (Objects.equals(live.getSpec(), crd.getSpec())) {
        out.append("customresourcedefinition.apiextensions.k8s.io/").append(name).append(" unchanged\n");
      } else {
        client.apiextensions().v1().customResourceDefinitions().withName(name).edit(existing -> {
          existing.setSpec(crd.getSpec());
          return existing;
        });
        out.append("customresourcedefinition.apiextensions.k8s.io/").append(name).append(" configured\n");
      }
    }
    Evidence.text(io.glooupgrade.gloo.glooctl.HarnessEquivalent.title("kubectl apply",
        "what was done through the API, one line per CRD as kubectl prints it"), out.toString());
    ObjectChange.attach("CRDs in the cluster (name, served versions, schema digest)", before, summary(inCluster()));
  }

  // One line per CRD: enough to see which were added or changed, where whole CRDs would bury it.
  private static String summary(List<CustomResourceDefinition> crds) {
    return crds.stream().sorted(java.util.Comparator.comparing(c -> c.getMetadata().getName()))
        .map(c -> c.getMetadata().getName() + ": " + c.getSpec().getVersions().stream()
            .filter(v -> Boolean.TRUE.equals(v.getServed())).map(v -> v.getName()).collect(Collectors.joining(","))
            + " schema " + Integer.toHexString(java.util.Objects.hashCode(c.getSpec().getVersions().stream()
            .map(v -> v.getSchema()).toList())))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** The names of the CRDs in the cluster now. */
  public java.util.SortedSet<String> names() {
    return inCluster().stream().map(c -> c.getMetadata().getName())
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  public List<CustomResourceDefinition> inCluster() {
    return client.apiextensions().v1().customResourceDefinitions().list().getItems();
  }

  /** Deletes CRDs by name ({@code kubectl delete crd NAME}), for CRDs the new version removed. */
  public void delete(List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    Evidence.documentedCommand("kubectl delete crd " + names.stream().collect(Collectors.joining(" ")));
    names.forEach(n -> client.apiextensions().v1().customResourceDefinitions().withName(n).delete());
  }

  private static CustomResourceDefinition clean(CustomResourceDefinition crd) {
    CustomResourceDefinition copy = Serialization.clone(crd);
    copy.setStatus(null);
    copy.getMetadata().setResourceVersion(null);
    return copy;
  }
}
