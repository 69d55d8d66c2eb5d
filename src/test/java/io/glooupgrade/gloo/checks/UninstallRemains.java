package io.glooupgrade.gloo.checks;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.kube.WaitTimeout;
import io.glooupgrade.kube.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code glooctl uninstall -n NS} must leave (GLOO_FACTS.md): the Helm release's Deployments
 * go, while the namespace, the Gloo CRDs and the users' custom resources (their VirtualServices and
 * Upstreams, the discovered Upstreams) stay. The chart's own resources, labelled {@code app=gloo}
 * (the Gateways its rollout Job applied), are the chart's pre-delete Job's to keep or delete, as its
 * rights allow (GLOO_CHARTS.md, section 6): what became of them is reported, not judged. Taken
 * before the uninstall, compared after it.
 */
public final class UninstallRemains {

  private static final String HELM_RELEASE_ANNOTATION = "meta.helm.sh/release-name";

  private final KubernetesClient client;
  private final String namespace;
  private final List<String> crds;
  private final List<CustomResource> customResources;

  /**
   * A custom resource by kind and name; a discovered Upstream also names the Service it stands for,
   * and the chart's own say so.
   */
  private record CustomResource(String kind, String name, String discoveredService, boolean chartsOwn) {

    @Override
    public String toString() {
      return kind + " " + name;
    }
  }

  private UninstallRemains(KubernetesClient client, String namespace, List<String> crds,
      List<CustomResource> customResources) {
    this.client = client;
    this.namespace = namespace;
    this.crds = crds;
    this.customResources = customResources;
  }

  /** What is there before {@code glooctl uninstall -n namespace}. */
  public static UninstallRemains before(KubernetesClient client, String namespace) {
    return new UninstallRemains(client, namespace, glooCrds(client), customResources(client, namespace));
  }

  /** Fails unless the Deployments are gone and the namespace, CRDs and custom resources remain. */
  public void verify() {
    deploymentsRemoved();
    namespaceRemains();
    customResourcesRemain();
    crdsRemain();
  }

  /** glooctl uninstall stops the release: no Gloo Edge Deployment is left (waited for, as pods terminate). */
  public void deploymentsRemoved() {
    Waits.until("every Gloo Edge Deployment (label app=gloo) of " + namespace + " to be removed", WaitTimeout.ROLLOUT,
        () -> client.apps().deployments().inNamespace(namespace).withLabel("app", "gloo").list().getItems(),
        List::isEmpty, left -> "glooctl uninstall -n " + namespace + " left Gloo Edge Deployments running: "
            + left.stream().map(d -> d.getMetadata().getName()).collect(Collectors.joining(", ")));
  }

  /** glooctl uninstall leaves the namespace. */
  public void namespaceRemains() {
    if (client.namespaces().withName(namespace).get() == null) {
      throw lost("the namespace " + namespace + " was deleted");
    }
  }

  /** It leaves the Gloo CRDs that were there before it. */
  public void crdsRemain() {
    List<String> crdsNow = glooCrds(client);
    List<String> lostCrds = crds.stream().filter(c -> !crdsNow.contains(c)).toList();
    if (!lostCrds.isEmpty()) {
      throw lost("the CRDs " + lostCrds + " were deleted");
    }
  }

  /**
   * It leaves the users' custom resources; the chart's own (app=gloo) go as its pre-delete Job
   * decides, and are reported.
   */
  public void customResourcesRemain() {
    List<CustomResource> resourcesNow = customResources(client, namespace);
    // Discovery removes the Upstreams of Services that are gone, such as the uninstalled release's own.
    List<CustomResource> lostResources = customResources.stream().filter(r -> !resourcesNow.contains(r))
        .filter(r -> !r.chartsOwn())
        .filter(r -> r.discoveredService() == null || serviceExists(r.discoveredService())).toList();
    List<CustomResource> chartsOwnRemoved = customResources.stream().filter(CustomResource::chartsOwn)
        .filter(r -> !resourcesNow.contains(r)).toList();
    Evidence.text("custom resources left in " + namespace + " after glooctl uninstall", "custom resources in "
        + namespace + ":\n  " + resourcesNow.stream().map(CustomResource::toString).collect(Collectors.joining("\n  "))
        + "\nthe chart's own (app=gloo) removed by its pre-delete Job: "
        + (chartsOwnRemoved.isEmpty() ? "none" : chartsOwnRemoved));
    if (!lostResources.isEmpty()) {
      throw lost("the custom resources " + lostResources + " were deleted");
    }
  }

  private AssertionError lost(String what) {
    return new AssertionError("glooctl uninstall -n " + namespace + " must remove only the Helm release, but " + what);
  }

  private static List<String> glooCrds(KubernetesClient client) {
    return client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
        .map(c -> c.getMetadata().getName()).filter(n -> n.endsWith(".solo.io")).sorted().toList();
  }

  // Every namespaced Gloo kind, listed in the namespace; Helm's own objects go with the release.
  private boolean serviceExists(String namespacedName) {
    String[] parts = namespacedName.split("/", 2);
    return client.services().inNamespace(parts[0]).withName(parts[1]).get() != null;
  }

  private static List<CustomResource> customResources(KubernetesClient client, String namespace) {
    List<CustomResource> found = new ArrayList<>();
    for (CustomResourceDefinition crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
      if (!crd.getSpec().getGroup().endsWith("solo.io") || !"Namespaced".equals(crd.getSpec().getScope())) {
        continue;
      }
      String version = crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage()))
          .findFirst().orElse(crd.getSpec().getVersions().get(0)).getName();
      ResourceDefinitionContext kind = new ResourceDefinitionContext.Builder().withGroup(crd.getSpec().getGroup())
          .withVersion(version).withPlural(crd.getSpec().getNames().getPlural())
          .withKind(crd.getSpec().getNames().getKind()).withNamespaced(true).build();
      try {
        for (GenericKubernetesResource r : client.genericKubernetesResources(kind).inNamespace(namespace).list()
            .getItems()) {
          Map<String, String> annotations = r.getMetadata().getAnnotations();
          if (annotations == null || !annotations.containsKey(HELM_RELEASE_ANNOTATION)) {
            Map<String, String> labels = r.getMetadata().getLabels();
            found.add(new CustomResource(crd.getSpec().getNames().getKind(), r.getMetadata().getName(),
                discoveredService(crd.getSpec().getNames().getKind(), r),
                labels != null && "gloo".equals(labels.get("app"))));
          }
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
    return List.copyOf(found);
  }

  private static String discoveredService(String kind, GenericKubernetesResource resource) {
    Map<String, String> labels = resource.getMetadata().getLabels();
    if (!"Upstream".equals(kind) || labels == null || !labels.containsKey("discovered_by")
        || !(resource.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec)
        || !(spec.get("kube") instanceof Map<?, ?> kube)) {
      return null;
    }
    return kube.get("serviceNamespace") + "/" + kube.get("serviceName");
  }
}
