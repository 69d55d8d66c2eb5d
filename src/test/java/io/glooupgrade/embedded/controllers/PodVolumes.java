package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a pod's volumes, as the kubelet would mount them: ConfigMap and Secret keys (all, or
 * the listed items), downwardAPI fields, projected sources, empty dirs. A ConfigMap or Secret that
 * is missing (and not optional) is a {@link ContainerCreationError}, as on a real node.
 */
final class PodVolumes {

  private final KubernetesClient client;
  private final ServiceAccountTokenIssuer tokens;

  PodVolumes(KubernetesClient client, ServiceAccountTokenIssuer tokens) {
    this.client = client;
    this.tokens = tokens;
  }

  /** Fails as the kubelet would when a volume's source is missing; reads nothing else. */
  void checkSources(Pod pod) throws ContainerCreationError {
    for (Volume volume : volumes(pod)) {
      files(pod, volume);
    }
  }

  /** Each volume's files (path within the volume to content), by volume name. */
  Map<String, Map<String, byte[]>> files(Pod pod) throws ContainerCreationError {
    Map<String, Map<String, byte[]>> all = new LinkedHashMap<>();
    for (Volume volume : volumes(pod)) {
      all.put(volume.getName(), files(pod, volume));
    }
    return all;
  }

  private static List<Volume> volumes(Pod pod) {
    return pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
  }

  private Map<String, byte[]> files(Pod pod, Volume volume) throws ContainerCreationError {
    String namespace = pod.getMetadata().getNamespace();
    Map<String, byte[]> files = new TreeMap<>();
    if (volume.getConfigMap() != null) {
      var source = volume.getConfigMap();
      files.putAll(configMapFiles(namespace, volume.getName(), source.getName(), source.getItems(),
          Boolean.TRUE.equals(source.getOptional())));
    } else if (volume.getSecret() != null) {
      var source = volume.getSecret();
      files.putAll(secretFiles(namespace, volume.getName(), source.getSecretName(), source.getItems(),
          Boolean.TRUE.equals(source.getOptional())));
    } else if (volume.getDownwardAPI() != null) {
      for (DownwardAPIVolumeFile item : volume.getDownwardAPI().getItems()) {
        files.put(item.getPath(), downward(pod, item).getBytes(StandardCharsets.UTF_8));
      }
    } else if (volume.getProjected() != null) {
      for (VolumeProjection source : volume.getProjected().getSources()) {
        if (source.getConfigMap() != null) {
          files.putAll(configMapFiles(namespace, volume.getName(), source.getConfigMap().getName(),
              source.getConfigMap().getItems(), Boolean.TRUE.equals(source.getConfigMap().getOptional())));
        } else if (source.getSecret() != null) {
          files.putAll(secretFiles(namespace, volume.getName(), source.getSecret().getName(),
              source.getSecret().getItems(), Boolean.TRUE.equals(source.getSecret().getOptional())));
        } else if (source.getDownwardAPI() != null) {
          for (DownwardAPIVolumeFile item : source.getDownwardAPI().getItems()) {
            files.put(item.getPath(), downward(pod, item).getBytes(StandardCharsets.UTF_8));
          }
        } else if (source.getServiceAccountToken() != null) {
          files.put(source.getServiceAccountToken().getPath(), tokens.issue(namespace,
              ContainerEnvironment.serviceAccount(pod)).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    // emptyDir and the kinds the embedded node has no source for are empty folders.
    return files;
  }

  private Map<String, byte[]> configMapFiles(String namespace, String volume, String name, List<KeyToPath> items,
      boolean optional) throws ContainerCreationError {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    if (configMap == null) {
      if (optional) {
        return Map.of();
      }
      throw ContainerCreationError.volume(volume, "configmap \"" + name + "\" not found");
    }
    Map<String, byte[]> data = new TreeMap<>();
    if (configMap.getData() != null) {
      configMap.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    if (configMap.getBinaryData() != null) {
      configMap.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    return selected(volume, "configmap", name, data, items, optional);
  }

  private Map<String, byte[]> secretFiles(String namespace, String volume, String name, List<KeyToPath> items,
      boolean optional) throws ContainerCreationError {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      if (optional) {
        return Map.of();
      }
      throw ContainerCreationError.volume(volume, "secret \"" + name + "\" not found");
    }
    Map<String, byte[]> data = new TreeMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    return selected(volume, "secret", name, data, items, optional);
  }

  private static Map<String, byte[]> selected(String volume, String kind, String name, Map<String, byte[]> data,
      List<KeyToPath> items, boolean optional) throws ContainerCreationError {
    if (items == null || items.isEmpty()) {
      return data;
    }
    Map<String, byte[]> chosen = new TreeMap<>();
    for (KeyToPath item : items) {
      byte[] value = data.get(item.getKey());
      if (value == null) {
        if (optional) {
          continue;
        }
        throw ContainerCreationError.volume(volume, "configmap".equals(kind)
            ? "configmap references non-existent config key: " + item.getKey()
            : "references non-existent secret key: " + item.getKey());
      }
      chosen.put(item.getPath(), value);
    }
    return chosen;
  }

  private static String downward(Pod pod, DownwardAPIVolumeFile item) {
    if (item.getFieldRef() == null) {
      return "";
    }
    String path = item.getFieldRef().getFieldPath();
    if (path.equals("metadata.labels") || path.equals("metadata.annotations")) {
      Map<String, String> values = path.equals("metadata.labels") ? pod.getMetadata().getLabels()
          : pod.getMetadata().getAnnotations();
      StringBuilder text = new StringBuilder();
      new TreeMap<>(values == null ? Map.<String, String>of() : values).forEach((k, v) ->
          text.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
              .append("\"\n"));
      return text.toString().stripTrailing();
    }
    return ContainerEnvironment.fieldValue(pod, path);
  }
}
