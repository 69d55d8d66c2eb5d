package io.glooupgrade.kube;

import io.glooupgrade.config.HarnessSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the run's preflight finds wrong with the target before the first scenario: first what the
 * configuration shows without contacting the target, then which API servers do not answer.
 */
public final class PreflightProblems {

  private PreflightProblems() {
  }

  /**
   * For the run's preflight: what is wrong with the target that can be known without contacting
   * it (the licence key, the kubeconfig, each role's context, the safety guard's allow-list), each
   * problem saying what, where and how to fix it. Plan mode only reads the target: a context
   * nobody allowed is no problem there. Nothing of the kubeconfig's credentials is quoted.
   */
  public static List<String> beforeContact(HarnessSettings settings, List<String> roles,
      boolean needsLicence) {
    List<String> problems = new ArrayList<>();
    TargetResolver.licenceProblem(settings, needsLicence).ifPresent(problems::add);
    if (!settings.target().equals("kubeconfig")) {
      return problems; // the run starts its own clusters, for each scenario
    }
    Path kubeconfig = settings.kubeconfig();
    if (!Files.isReadable(kubeconfig)) {
      problems.add("harness.kubeconfig " + kubeconfig + " does not exist or cannot be read: name a readable "
          + "kubeconfig with -Dharness.kubeconfig=<file> (or KUBECONFIG)");
      return problems;
    }
    try {
      List<String> contextProblems = new ArrayList<>();
      Map<String, String> contexts = RoleContexts.of(settings, roles, contextProblems);
      problems.addAll(contextProblems);
      if (!settings.plan()) {
        List<String> named = contexts.values().stream().filter(java.util.Objects::nonNull)
            .filter(c -> contextProblems.stream().noneMatch(p -> p.contains("'" + c + "'"))).distinct().toList();
        SafetyGuard.refusal(named, settings).ifPresent(problems::add);
      }
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) { // its own message would quote the file's lines
      problems.add("harness.kubeconfig " + kubeconfig + " is not valid YAML (line " + (e.getProblemMark().getLine() + 1)
          + ", column " + (e.getProblemMark().getColumn() + 1) + "): fix it, or name another kubeconfig");
    } catch (IOException | ClassCastException | NullPointerException | org.yaml.snakeyaml.error.YAMLException e) {
      problems.add("harness.kubeconfig " + kubeconfig + " is not a kubeconfig (no list of named contexts): "
          + "name another one, or check it with kubectl config get-contexts --kubeconfig " + kubeconfig);
    }
    return problems;
  }

  /**
   * For the run's preflight, once its configuration holds: one bounded probe per distinct API
   * server of the roles' contexts, the servers that did not answer each named once, with its
   * contexts ({@code causes} gets what was thrown, for -Dharness.debug=true).
   */
  public static List<String> unansweredApiServers(HarnessSettings settings, List<String> roles,
      List<Throwable> causes) {
    if (!settings.target().equals("kubeconfig")) {
      return List.of(); // the run's own clusters do not exist yet
    }
    Map<String, List<String>> contextsByServer = new LinkedHashMap<>();
    Map<String, KubeContext> probeThrough = new LinkedHashMap<>();
    Map<String, String> settingOf = new LinkedHashMap<>();
    try {
      RoleContexts.of(settings, roles, new ArrayList<>()).forEach((role, name) -> {
        KubeContext context = new KubeContext(name, settings.kubeconfig());
        String server = context.apiServer();
        probeThrough.putIfAbsent(server, context);
        settingOf.putIfAbsent(server, role.equals(TargetResolver.DEFAULT_ROLE) ? "harness.context" : "harness.context." + role);
        List<String> names = contextsByServer.computeIfAbsent(server, s -> new ArrayList<>());
        if (!names.contains(name)) {
          names.add(name);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + settings.kubeconfig(), e);
    }
    List<String> problems = new ArrayList<>();
    ApiServerProbe.unanswered(probeThrough).forEach((server, unanswered) -> {
      List<String> names = contextsByServer.get(server).stream().map(c -> "'" + c + "'").toList();
      problems.add("the Kubernetes API at " + server + " (context" + (names.size() > 1 ? "s " : " ")
          + String.join(", ", names) + ") cannot be reached: " + unanswered.reason() + " (one GET /version, "
          + ApiServerProbe.TIMEOUT.toSeconds() + " s to connect and " + ApiServerProbe.TIMEOUT.toSeconds()
          + " s to answer); check that the cluster runs and that this machine reaches it (VPN, proxy, "
          + "firewall), or name another context (" + settingOf.get(server) + ")");
      if (unanswered.cause() != null) {
        causes.add(unanswered.cause());
      }
    });
    return problems;
  }
}
