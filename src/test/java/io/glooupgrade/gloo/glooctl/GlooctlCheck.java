package io.glooupgrade.gloo.glooctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code glooctl check}, with glooctl's semantics (GLOO_FACTS.md): Deployments, Pods with the label
 * key {@code gloo}, then every entry of {@code status.statuses} of each Gloo resource kind, then the
 * proxies through Envoy's own statistics (two scrapes 250 ms apart, as glooctl takes them) and
 * gloo's xDS metrics. Prints the lines glooctl prints.
 */
public final class GlooctlCheck {

  /** The outcome: one line per check as glooctl prints it, and the errors found. */
  public record Result(List<String> lines, List<String> errors) {

    public boolean ok() {
      return errors.isEmpty();
    }

    public String output() {
      return String.join("\n", lines) + "\n" + (errors.isEmpty() ? "No problems detected."
          : "Error: " + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + " occurred:\n\t* "
          + String.join("\n\t* ", errors));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COUNTER = Pattern.compile("(?m)^(envoy_\\S*update_(?:rejected|failure))\\S*\\s+(\\d+)");
  // What glooctl checks after the Pods, in its order; Secrets has no statuses to read here.
  private static final List<String> CHECKED = List.of("Upstreams", "UpstreamGroups", "AuthConfigs",
      "RateLimitConfigs", "VirtualHostOptions", "RouteOptions", "Secrets", "VirtualServices", "Gateways", "Proxies");
  private static final Map<String, ResourceDefinitionContext> KINDS = Map.of(
      "Upstreams", kind("gloo.solo.io", "v1", "upstreams", "Upstream"),
      "UpstreamGroups", kind("gloo.solo.io", "v1", "upstreamgroups", "UpstreamGroup"),
      "AuthConfigs", kind("enterprise.gloo.solo.io", "v1", "authconfigs", "AuthConfig"),
      "RateLimitConfigs", kind("ratelimit.solo.io", "v1alpha1", "ratelimitconfigs", "RateLimitConfig"),
      "VirtualHostOptions", kind("gateway.solo.io", "v1", "virtualhostoptions", "VirtualHostOption"),
      "RouteOptions", kind("gateway.solo.io", "v1", "routeoptions", "RouteOption"),
      "VirtualServices", kind("gateway.solo.io", "v1", "virtualservices", "VirtualService"),
      "Gateways", kind("gateway.solo.io", "v1", "gateways", "Gateway"),
      "Proxies", kind("gloo.solo.io", "v1", "proxies", "Proxy"));

  private final KubernetesClient client;

  public GlooctlCheck(KubernetesClient client) {
    this.client = client;
  }

  public Result run(String namespace) {
    List<String> lines = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Deployment> deployments = client.apps().deployments().inNamespace(namespace).list().getItems();
    if (deployments.isEmpty()) {
      lines.add("Checking Deployments... 1 Errors!");
      errors.add("Gloo is not installed: no Deployments in namespace " + namespace);
      return new Result(lines, errors);
    }
    section(lines, errors, "Deployments", deploymentProblems(deployments));
    section(lines, errors, "Pods", podProblems(namespace));
    for (String name : CHECKED) {
      List<String> problems = KINDS.containsKey(name) ? statusProblems(name, KINDS.get(name)) : List.of();
      if (name.equals("VirtualServices")) {
        problems = new ArrayList<>(problems);
        problems.addAll(unknownUpstreams());
      }
      if (name.equals("Proxies")) {
        problems = new ArrayList<>(problems);
        problems.addAll(proxyProblems(namespace, deployments));
        problems.addAll(xdsProblems(namespace));
      }
      section(lines, errors, name, problems);
    }
    return new Result(lines, errors);
  }

  private static void section(List<String> lines, List<String> errors, String name, List<String> problems) {
    lines.add("Checking " + name + "... " + (problems.isEmpty() ? "OK" : problems.size() + " Errors!"));
    errors.addAll(problems);
  }

  private static List<String> deploymentProblems(List<Deployment> deployments) {
    List<String> problems = new ArrayList<>();
    for (Deployment d : deployments) {
      List<DeploymentCondition> conditions = d.getStatus() == null ? List.of() : d.getStatus().getConditions();
      for (DeploymentCondition c : conditions) {
        if (c.getType().equals("ReplicaFailure") && c.getStatus().equals("True")) {
          problems.add("Deployment " + d.getMetadata().getName() + " in namespace " + d.getMetadata().getNamespace()
              + " failed to create pods! Message: " + c.getMessage());
        }
      }
      for (String required : List.of("Progressing", "Available")) {
        boolean holds = conditions.stream().anyMatch(c -> c.getType().equals(required) && c.getStatus().equals("True"));
        if (!holds) {
          problems.add("Deployment " + d.getMetadata().getName() + " in namespace " + d.getMetadata().getNamespace()
              + " is not " + (required.equals("Available") ? "available" : "progressing") + "!");
        }
      }
    }
    return problems;
  }

  private List<String> podProblems(String namespace) {
    List<String> problems = new ArrayList<>();
    for (Pod pod : client.pods().inNamespace(namespace).withLabel("gloo").list().getItems()) {
      if (pod.getStatus() == null) {
        problems.add("Pod " + pod.getMetadata().getName() + " in namespace " + namespace + " has no status yet!");
        continue;
      }
      for (String type : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
        var condition = pod.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst();
        boolean completed = condition.map(c -> "PodCompleted".equals(c.getReason())).orElse(false);
        if (!completed && condition.map(c -> !c.getStatus().equals("True")).orElse(true)) {
          String message = pod.getStatus().getContainerStatuses().stream()
              .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
              .map(s -> s.getState().getWaiting().getReason() + ": " + s.getState().getWaiting().getMessage())
              .findFirst().orElse(condition.map(c -> String.valueOf(c.getMessage())).orElse("no condition"));
          problems.add("Pod " + pod.getMetadata().getName() + " in namespace " + namespace + " is not "
              + describe(type) + "! Message: " + message);
          break;
        }
      }
    }
    return problems;
  }

  private static String describe(String condition) {
    return switch (condition) {
      case "PodScheduled" -> "yet scheduled";
      case "Initialized" -> "yet initialized";
      case "ContainersReady" -> "ready (containers)";
      default -> "ready";
    };
  }

  /** Every reporter's status of every resource: Rejected, Warning and no status at all are errors. */
  private List<String> statusProblems(String kindName, ResourceDefinitionContext kind) {
    List<String> problems = new ArrayList<>();
    for (GenericKubernetesResource resource : list(kind)) {
      String name = resource.getMetadata().getNamespace() + "." + resource.getMetadata().getName();
      JsonNode statuses = JSON.valueToTree(resource.getAdditionalProperties().get("status")).path("statuses");
      if (!statuses.isObject() || statuses.isEmpty()) {
        problems.add("Found " + singular(kindName) + " with no status: " + name);
        continue;
      }
      statuses.fields().forEachRemaining(entry -> {
        String state = state(entry.getValue().path("state"));
        if (state.equals("Rejected") || state.equals("Warning")) {
          problems.add("Found " + state.toLowerCase() + " " + singular(kindName) + " by '" + entry.getKey() + "': "
              + name + " (Reason: " + entry.getValue().path("reason").asText("") + ")");
        }
      });
    }
    return problems;
  }

  private List<String> unknownUpstreams() {
    List<String> known = list(KINDS.get("Upstreams")).stream()
        .map(u -> u.getMetadata().getNamespace() + "." + u.getMetadata().getName()).toList();
    List<String> problems = new ArrayList<>();
    for (GenericKubernetesResource vs : list(KINDS.get("VirtualServices"))) {
      JsonNode routes = JSON.valueToTree(vs.getAdditionalProperties().get("spec")).path("virtualHost").path("routes");
      for (JsonNode route : routes) {
        JsonNode upstream = route.path("routeAction").path("single").path("upstream");
        String ref = upstream.path("namespace").asText() + "." + upstream.path("name").asText();
        if (!upstream.isMissingNode() && !known.contains(ref)) {
          problems.add("VirtualService " + vs.getMetadata().getNamespace() + "." + vs.getMetadata().getName()
              + " references unknown upstream " + ref);
        }
      }
    }
    return problems;
  }

  /** Envoy's view: connected to its control plane, and no rejected or failed update counter growing. */
  private List<String> proxyProblems(String namespace, List<Deployment> deployments) {
    List<Deployment> proxies = deployments.stream().filter(d -> "gateway-proxy".equals(label(d, "gloo"))).toList();
    if (proxies.isEmpty()) {
      return List.of();
    }
    if (proxies.stream().allMatch(d -> Objects.equals(d.getSpec().getReplicas(), 0))) {
      return List.of("Warning: no active gateway-proxy pods in namespace " + namespace);
    }
    List<String> problems = new ArrayList<>();
    for (Pod pod : client.pods().inNamespace(namespace).withLabel("gloo", "gateway-proxy").list().getItems()) {
      PodPort.Answer first = PodPort.get(client, pod, 19000, "/stats/prometheus");
      // glooctl scrapes twice, 250 ms apart, to see whether a rejection counter is growing.
      PodPort.Answer second = CompletableFuture.supplyAsync(() -> PodPort.get(client, pod, 19000, "/stats/prometheus"),
          CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS)).join();
      if (!first.ok() || !second.ok()) {
        problems.add("Cannot read the Envoy stats of " + pod.getMetadata().getName() + ": HTTP " + second.status()
            + " " + second.body().trim());
        continue;
      }
      if (!second.body().matches("(?s).*envoy_control_plane_connected_state\\{?\\}?\\s+1\\b.*")) {
        problems.add("Envoy " + pod.getMetadata().getName() + " is not connected to its control plane "
            + "(envoy_control_plane_connected_state is not 1)");
      }
      Map<String, Long> before = counters(first.body());
      counters(second.body()).forEach((counter, value) -> {
        if (value > before.getOrDefault(counter, value)) {
          problems.add("Envoy " + pod.getMetadata().getName() + " is rejecting configuration: " + counter
              + " grew from " + before.get(counter) + " to " + value);
        }
      });
    }
    return problems;
  }

  /** gloo's xDS metrics: every entity it serves must be in sync. */
  private List<String> xdsProblems(String namespace) {
    List<String> problems = new ArrayList<>();
    for (Pod pod : client.pods().inNamespace(namespace).withLabel("gloo", "gloo").list().getItems()) {
      PodPort.Answer metrics = PodPort.get(client, pod, 9091, "/metrics");
      if (!metrics.ok()) {
        continue; // a gloo pod that serves nothing is already reported by the Pods check
      }
      long total = sum(metrics.body(), "glooe_solo_io_xds_total_entities");
      long insync = sum(metrics.body(), "glooe_solo_io_xds_insync");
      if (total > insync) {
        problems.add("gloo " + pod.getMetadata().getName() + " has " + (total - insync) + " xDS entities out of sync");
      }
    }
    return problems;
  }

  private static Map<String, Long> counters(String stats) {
    Map<String, Long> counters = new LinkedHashMap<>();
    Matcher m = COUNTER.matcher(stats);
    while (m.find()) {
      counters.merge(m.group(1), Long.parseLong(m.group(2)), Long::sum);
    }
    return counters;
  }

  private static long sum(String metrics, String name) {
    long total = 0;
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})?\\s+(\\d+(?:\\.\\d+)?)").matcher(metrics);
    while (m.find()) {
      total += (long) Double.parseDouble(m.group(1));
    }
    return total;
  }

  /** A state stored as an integer (full writes) or a string (status patches). */
  static String state(JsonNode state) {
    if (state.isNumber()) {
      return switch (state.asInt()) {
        case 1 -> "Accepted";
        case 2 -> "Rejected";
        case 3 -> "Warning";
        default -> "Pending";
      };
    }
    return state.asText("Pending");
  }

  private List<GenericKubernetesResource> list(ResourceDefinitionContext kind) {
    try {
      return client.genericKubernetesResources(kind).inAnyNamespace().list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of(); // this version has no such CRD
      }
      throw e;
    }
  }

  private static String label(Deployment d, String key) {
    return d.getMetadata().getLabels() == null ? null : d.getMetadata().getLabels().get(key);
  }

  private static String singular(String kindName) {
    return kindName.endsWith("ies") ? kindName.substring(0, kindName.length() - 3) + "y"
        : kindName.substring(0, kindName.length() - 1);
  }

  private static ResourceDefinitionContext kind(String group, String version, String plural, String kind) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withPlural(plural)
        .withKind(kind).withNamespaced(true).build();
  }
}
