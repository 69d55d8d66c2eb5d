package io.glooupgrade.gloo.glooctl;

import io.glooupgrade.gloo.Image;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code glooctl version}, server side: the Deployments labelled {@code app=gloo} in the namespace,
 * each container as {@code {Tag, Name, Registry, OssTag}}; {@code enterprise} when a gloo-ee
 * container runs.
 */
public final class ServerVersion {

  /** One server container as glooctl reports it. */
  public record Component(String deployment, String name, String tag, String registry, String ossTag) {

    String json() {
      return "{\"Tag\":\"" + tag + "\",\"Name\":\"" + name + "\",\"Registry\":\"" + registry + "\""
          + (ossTag == null ? "" : ",\"OssTag\":\"" + ossTag + "\"") + "}";
    }
  }

  /** The report: its components and the two lines glooctl prints. */
  public record Report(String clientVersion, String namespace, boolean enterprise, List<Component> components) {

    public String output() {
      StringBuilder containers = new StringBuilder();
      for (Component c : components) {
        containers.append(containers.length() == 0 ? "" : ",").append(c.json());
      }
      return "Client: {\"version\":\"" + clientVersion + "\"}\n"
          + "Server: {\"type\":\"Gateway\"" + (enterprise ? ",\"enterprise\":true" : "")
          + ",\"kubernetes\":{\"containers\":[" + containers + "],\"namespace\":\"" + namespace + "\"}}";
    }

    /** glooctl's warning when client and server differ by a minor version. */
    public List<String> warnings() {
      List<String> warnings = new ArrayList<>();
      for (Component c : components) {
        if (!minorOf(c.ossTag() != null ? c.ossTag() : c.tag()).equals(minorOf(clientVersion))) {
          warnings.add("Warning: the client version " + clientVersion + " and the server component " + c.name()
              + " (" + c.tag() + ") differ by a minor version");
        }
      }
      return warnings;
    }

    private static String minorOf(String version) {
      String[] parts = version.split("\\.");
      return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }
  }

  private final KubernetesClient client;

  public ServerVersion(KubernetesClient client) {
    this.client = client;
  }

  public Report report(String namespace, String clientVersion) {
    List<Component> components = new ArrayList<>();
    boolean enterprise = false;
    for (Deployment d : client.apps().deployments().inNamespace(namespace).withLabel("app", "gloo").list()
        .getItems()) {
      Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
      String ossTag = annotations == null ? null : annotations.get("gloo.solo.io/oss-image-tag");
      for (Container container : d.getSpec().getTemplate().getSpec().getContainers()) {
        Image image = Image.parse(container.getImage());
        components.add(new Component(d.getMetadata().getName(), image.name(), image.tag(), image.registry(), ossTag));
        enterprise |= image.name().equals("gloo-ee");
      }
    }
    components.sort(java.util.Comparator.comparing(Component::name));
    return new Report(clientVersion, namespace, enterprise, components);
  }
}
