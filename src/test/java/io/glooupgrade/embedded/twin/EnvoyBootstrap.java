package io.glooupgrade.embedded.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.Optional;

/**
 * Where an Envoy of the gloo envoy wrapper image gets its configuration: the ADS cluster of the
 * {@code envoy.yaml} bootstrap in the ConfigMap its pod mounts at {@value #MOUNT_PATH}, read once
 * when the container starts as Envoy does. An address that names no gloo leaves the proxy without
 * configuration, as it would on a cluster.
 */
final class EnvoyBootstrap {

  static final String MOUNT_PATH = "/etc/envoy";
  private static final String FILE = "envoy.yaml";
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The xDS server's address as the bootstrap writes it: a DNS name and a port. */
  record XdsAddress(String host, int port) {
  }

  /** Why the bootstrap names no xDS server Envoy could connect to. */
  static final class Unusable extends Exception {
    Unusable(String problem) {
      super(problem);
    }
  }

  private EnvoyBootstrap() {
  }

  /** The xDS address the container's bootstrap names. */
  static XdsAddress xdsAddress(KubernetesClient client, Pod pod, Container container) throws Unusable {
    Optional<String> configMap = container.getVolumeMounts().stream()
        .filter(m -> MOUNT_PATH.equals(m.getMountPath())).map(VolumeMount::getName).findFirst()
        .flatMap(volume -> pod.getSpec().getVolumes().stream().filter(v -> volume.equals(v.getName())).findFirst())
        .map(Volume::getConfigMap).map(source -> source.getName());
    if (configMap.isEmpty()) {
      throw new Unusable("no ConfigMap is mounted at " + MOUNT_PATH);
    }
    ConfigMap map = client.configMaps().inNamespace(pod.getMetadata().getNamespace()).withName(configMap.get()).get();
    String yaml = map == null || map.getData() == null ? null : map.getData().get(FILE);
    if (yaml == null) {
      throw new Unusable("ConfigMap " + configMap.get() + " has no " + FILE);
    }
    try {
      return parse(YAML.readTree(yaml));
    } catch (IOException e) {
      throw new Unusable(FILE + " of ConfigMap " + configMap.get() + " is not YAML: " + e.getMessage());
    }
  }

  private static XdsAddress parse(JsonNode bootstrap) throws Unusable {
    String cluster = bootstrap.path("dynamic_resources").path("ads_config").path("grpc_services").path(0)
        .path("envoy_grpc").path("cluster_name").asText("");
    for (JsonNode c : bootstrap.path("static_resources").path("clusters")) {
      if (cluster.equals(c.path("name").asText())) {
        JsonNode socket = c.path("load_assignment").path("endpoints").path(0).path("lb_endpoints").path(0)
            .path("endpoint").path("address").path("socket_address");
        if (socket.path("address").isTextual() && socket.path("port_value").canConvertToInt()) {
          return new XdsAddress(socket.path("address").asText(), socket.path("port_value").asInt());
        }
      }
    }
    throw new Unusable("the bootstrap's ADS cluster '" + cluster + "' has no static address");
  }
}
