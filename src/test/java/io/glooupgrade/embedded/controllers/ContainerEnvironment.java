package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet builds it: {@code envFrom}, then {@code env} (plain
 * values, the downward API's fields, ConfigMap and Secret keys), with {@code $(VAR)} references
 * expanded. A missing source that is not optional is a CreateContainerConfigError, in the
 * kubelet's words.
 */
final class ContainerEnvironment {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)|\\$\\$");

  private final KubernetesClient client;

  ContainerEnvironment(KubernetesClient client) {
    this.client = client;
  }

  Map<String, String> of(Pod pod, Container container) throws ContainerCreationError {
    String namespace = pod.getMetadata().getNamespace();
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
      String prefix = from.getPrefix() == null ? "" : from.getPrefix();
      if (from.getConfigMapRef() != null) {
        ConfigMap cm = configMap(namespace, from.getConfigMapRef().getName(),
            Boolean.TRUE.equals(from.getConfigMapRef().getOptional()));
        if (cm != null && cm.getData() != null) {
          cm.getData().forEach((k, v) -> env.put(prefix + k, v));
        }
      } else if (from.getSecretRef() != null) {
        Secret secret = secret(namespace, from.getSecretRef().getName(),
            Boolean.TRUE.equals(from.getSecretRef().getOptional()));
        if (secret != null && secret.getData() != null) {
          secret.getData().forEach((k, v) -> env.put(prefix + k, decode(v)));
        }
      }
    }
    for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
      String value = value(pod, variable);
      if (value != null) {
        env.put(variable.getName(), expand(value, env));
      }
    }
    return env;
  }

  /** The command line, its {@code $(VAR)} references expanded as the kubelet does. */
  static List<String> commandLine(Container container, Map<String, String> env) {
    List<String> line = new ArrayList<>();
    if (container.getCommand() != null) {
      container.getCommand().forEach(c -> line.add(expand(c, env)));
    }
    if (container.getArgs() != null) {
      container.getArgs().forEach(a -> line.add(expand(a, env)));
    }
    return line;
  }

  private String value(Pod pod, EnvVar variable) throws ContainerCreationError {
    if (variable.getValueFrom() == null) {
      return variable.getValue() == null ? "" : variable.getValue();
    }
    var from = variable.getValueFrom();
    String namespace = pod.getMetadata().getNamespace();
    if (from.getFieldRef() != null) {
      return fieldValue(pod, from.getFieldRef().getFieldPath());
    }
    if (from.getConfigMapKeyRef() != null) {
      var ref = from.getConfigMapKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.getOptional());
      ConfigMap cm = configMap(namespace, ref.getName(), optional);
      String value = cm == null || cm.getData() == null ? null : cm.getData().get(ref.getKey());
      if (value == null && cm != null && !optional) {
        throw ContainerCreationError.config("couldn't find key " + ref.getKey() + " in ConfigMap " + namespace + "/"
            + ref.getName());
      }
      return value;
    }
    if (from.getSecretKeyRef() != null) {
      var ref = from.getSecretKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.getOptional());
      Secret secret = secret(namespace, ref.getName(), optional);
      String value = secret == null || secret.getData() == null ? null : secret.getData().get(ref.getKey());
      if (value == null && secret != null && !optional) {
        throw ContainerCreationError.config("couldn't find key " + ref.getKey() + " in Secret " + namespace + "/"
            + ref.getName());
      }
      return value == null ? null : decode(value);
    }
    return null;
  }

  private ConfigMap configMap(String namespace, String name, boolean optional) throws ContainerCreationError {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    if (cm == null && !optional) {
      throw ContainerCreationError.config("configmap \"" + name + "\" not found");
    }
    return cm;
  }

  private Secret secret(String namespace, String name, boolean optional) throws ContainerCreationError {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null && !optional) {
      throw ContainerCreationError.config("secret \"" + name + "\" not found");
    }
    return secret;
  }

  /** A downward API field of the pod, as env and downwardAPI volumes read it. */
  static String fieldValue(Pod pod, String path) {
    var meta = pod.getMetadata();
    Matcher indexed = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]").matcher(path);
    if (indexed.matches()) {
      Map<String, String> values = indexed.group(1).equals("labels") ? meta.getLabels() : meta.getAnnotations();
      return values == null ? "" : values.getOrDefault(indexed.group(2), "");
    }
    return switch (path) {
      case "metadata.name" -> meta.getName();
      case "metadata.namespace" -> meta.getNamespace();
      case "metadata.uid" -> meta.getUid();
      case "spec.serviceAccountName" -> serviceAccount(pod);
      case "spec.nodeName" -> pod.getSpec().getNodeName() == null ? "embedded-node" : pod.getSpec().getNodeName();
      case "status.podIP" -> pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPodIP());
      case "status.hostIP" -> "127.0.0.1";
      default -> "";
    };
  }

  static String serviceAccount(Pod pod) {
    String name = pod.getSpec().getServiceAccountName();
    return name == null || name.isEmpty() ? "default" : name;
  }

  // $(VAR) becomes VAR's value when VAR is defined, and stays as written otherwise; $$ is a literal $.
  private static String expand(String text, Map<String, String> env) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = m.group(1) == null ? "$" : env.getOrDefault(m.group(1), m.group());
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
