package io.glooupgrade.gloo.federation;

import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.Image;
import io.glooupgrade.gloo.install.GlooEdge;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.gloo.glooctl.GlooctlCommand;
import io.glooupgrade.gloo.glooctl.HarnessEquivalent;
import io.glooupgrade.helm.PulledChart;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/**
 * Gloo Edge Federation on the management cluster, as the canary guide handles it: the gloo-fed
 * chart pulled and its CRDs applied, installs side by side (one per namespace), which federations
 * run where, and the uninstall of one of them.
 */
public final class Federation {

  /** The Deployment of the federation controller (GLOO_FACTS.md: deployments gloo-fed and gloo-fed-console). */
  static final String CONTROLLER = "gloo-fed";
  /** The CRDs a federation needs on the management cluster, among others of gloo-fed/crds. */
  public static final List<String> CRDS = List.of("federatedvirtualservices.fed.gateway.solo.io",
      "kubernetesclusters.multicluster.solo.io");

  private final GlooEdge management;

  public Federation(GlooEdge management) {
    this.management = management;
  }

  /**
   * Step 3: {@code helm repo add gloo-fed URL}, {@code helm repo update} and {@code helm pull
   * gloo-fed/gloo-fed --version V --untar}. Returns the version the pulled chart declares.
   */
  public String pullChart(String version) {
    management.charts().add(Edition.FEDERATION);
    Evidence.documentedCommand("helm pull " + Edition.FEDERATION.chartReference() + " --version " + version
        + " --untar");
    String chartYaml = PulledChart.read(management.helm().pull(Edition.FEDERATION.repository(),
        Edition.FEDERATION.chart(), version)).file(Edition.FEDERATION.chart() + "/Chart.yaml");
    Evidence.yaml("gloo-fed/Chart.yaml", chartYaml);
    Map<String, Object> chart = new Yaml().load(chartYaml);
    return String.valueOf(chart.get("version")).replaceFirst("^v", "");
  }

  /** Step 4 (and rollback step 6): {@code kubectl apply -f gloo-fed/crds} of a version's chart. */
  public void applyCrds(String version) {
    management.applyCrdsOf(Edition.FEDERATION, version);
  }

  /**
   * Every federation controller on the management cluster: its namespace and the image tags its
   * pods run ({@code kubectl get deployment -A} with the pods' images).
   */
  public Map<String, Set<String>> running() {
    KubernetesClient client = management.client();
    Evidence.documentedCommand("kubectl get deployment " + CONTROLLER + " -A -o wide");
    Map<String, Set<String>> running = new TreeMap<>();
    for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
      if (!CONTROLLER.equals(d.getMetadata().getName())) {
        continue;
      }
      String namespace = d.getMetadata().getNamespace();
      Set<String> tags = new TreeSet<>();
      for (Pod pod : client.pods().inNamespace(namespace).withLabels(d.getSpec().getSelector().getMatchLabels())
          .list().getItems()) {
        if (pod.getMetadata().getDeletionTimestamp() == null) {
          pod.getSpec().getContainers().forEach(c -> tags.add(Image.parse(c.getImage()).tag()));
        }
      }
      running.put(namespace, tags);
    }
    Evidence.text("federation controllers (namespace: image tags of their pods)", running.isEmpty()
        ? "none" : running.entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("\n")));
    return running;
  }

  /** Step 6: {@code kubectl get all -n NS}, attached for the reviewer. */
  public void getAll(String namespace) {
    KubernetesClient client = management.client();
    Evidence.documentedCommand("kubectl get all -n " + namespace);
    StringBuilder out = new StringBuilder();
    for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
      out.append("pod/").append(p.getMetadata().getName()).append("   ")
          .append(p.getStatus() == null ? "-" : p.getStatus().getPhase()).append("   ")
          .append(p.getSpec().getContainers().stream().map(c -> c.getImage()).collect(Collectors.joining(",")))
          .append('\n');
    }
    for (Service s : client.services().inNamespace(namespace).list().getItems()) {
      out.append("service/").append(s.getMetadata().getName()).append("   ").append(s.getSpec().getType())
          .append('\n');
    }
    for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
      int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
      Integer available = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
      out.append("deployment.apps/").append(d.getMetadata().getName()).append("   ")
          .append(Objects.requireNonNullElse(available, 0)).append('/').append(desired).append(" available\n");
    }
    String listing = out.length() == 0 ? "No resources found in " + namespace + " namespace." : out.toString();
    HarnessEquivalent.attach("kubectl get all -n " + namespace, "what the API lists", listing);
  }

  /**
   * Step 11.2 (rollback step 5): the federation installed in a namespace is uninstalled. The guide
   * writes {@code glooctl uninstall -n NS}, whose default Helm release is {@code gloo}; the
   * standalone gloo-fed release is removed by {@code glooctl uninstall federation -n NS}, a Helm
   * uninstall of the release {@code gloo-fed}. The namespace, the CRDs and the custom resources stay.
   */
  public void uninstall(GlooInstallation federation) {
    if (federation.edition() != Edition.FEDERATION) {
      throw new IllegalArgumentException("not a Gloo Edge Federation installation: " + federation);
    }
    Evidence.text("which glooctl command", "The guide: glooctl uninstall -n " + federation.namespace()
        + "\nglooctl's own command for the standalone gloo-fed release (Helm release gloo-fed): glooctl uninstall "
        + "federation -n " + federation.namespace());
    GlooctlCommand command = GlooctlCommand.uninstallFederation(federation.namespace());
    if (management.glooctl().binary().isPresent()) {
      management.glooctl().binary().get().runOrFail(command, List.of(management.cluster()));
      return;
    }
    Evidence.standInFor(command.shown());
    management.helm().uninstall(federation.namespace(), Edition.FEDERATION.release());
    HarnessEquivalent.attach(command, "what was done", "Helm release " + Edition.FEDERATION.release()
        + " uninstalled from " + federation.namespace() + " (helm uninstall, attached above); the namespace, the "
        + "CRDs and custom resources left in place");
  }

  /** Whether the Helm release of a federation is still installed in a namespace ({@code helm list -n NS}). */
  public boolean releaseInstalledIn(String namespace) {
    return management.helm().list(namespace).stream()
        .anyMatch(r -> r.getName().equals(Edition.FEDERATION.release()));
  }

  /** Which of the federation's CRDs the management cluster lacks ({@code kubectl get crd NAME}). */
  public List<String> missingCrds() {
    Evidence.documentedCommand("kubectl get crd " + String.join(" ", CRDS));
    return CRDS.stream().filter(name -> management.client().apiextensions().v1().customResourceDefinitions()
        .withName(name).get() == null).toList();
  }

  /** The clusters registered with the federation of a namespace ({@code kubectl get kubernetescluster -n NS}). */
  public List<String> registeredClusters(String federationNamespace) {
    Evidence.documentedCommand("kubectl get kubernetescluster -n " + federationNamespace);
    List<String> names = management.client().genericKubernetesResources(ClusterRegistration.KUBERNETES_CLUSTERS)
        .inNamespace(federationNamespace).list().getItems().stream().map(c -> c.getMetadata().getName()).sorted()
        .toList();
    Evidence.text("registered clusters in " + federationNamespace, names.isEmpty() ? "none" : String.join("\n",
        names));
    return names;
  }
}
