package io.glooupgrade.kube;

import io.glooupgrade.config.HarnessSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Which kubeconfig context each cluster role of a scenario uses, as the settings name them. */
final class RoleContexts {

  private RoleContexts() {
  }

  // Each role's context, checked against the contexts the kubeconfig has.
  @SuppressWarnings("unchecked")
  static Map<String, String> of(HarnessSettings settings, List<String> roles, List<String> problems)
      throws IOException {
    Map<String, Object> config = new Yaml().load(Files.readString(settings.kubeconfig()));
    List<String> known = ((List<Map<String, Object>>) config.getOrDefault("contexts", List.of())).stream()
        .map(c -> String.valueOf(c.get("name"))).toList();
    Map<String, String> contexts = new LinkedHashMap<>();
    for (String role : roles) {
      boolean single = role.equals(TargetResolver.DEFAULT_ROLE);
      String context = single
          ? (settings.context() != null ? settings.context() : (String) config.get("current-context"))
          : settings.contextOf(role);
      String setting = single ? "harness.context" : "harness.context." + role;
      if (context == null) {
        problems.add("kubeconfig " + settings.kubeconfig() + " has no current-context; set " + setting
            + " to one of its contexts: " + known);
      } else if (!known.contains(context)) {
        problems.add(setting + " names context '" + context + "', which kubeconfig " + settings.kubeconfig()
            + " does not have; its contexts: " + known);
      }
      contexts.put(role, context);
    }
    return contexts;
  }
}
