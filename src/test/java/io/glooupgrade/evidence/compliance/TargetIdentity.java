package io.glooupgrade.evidence.compliance;

import io.glooupgrade.kube.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which cluster(s) a scenario ran against, as an auditor may read it: the kind of target, each
 * role's kubeconfig context name and API server {@code host:port}, the Kubernetes version. Never
 * the kubeconfig's content, a token or the licence key.
 */
public record TargetIdentity(String kind, Map<String, String> contexts, Map<String, String> apiServers,
    String kubernetesVersion) {

  public static TargetIdentity of(Target target) {
    Map<String, String> contexts = new LinkedHashMap<>();
    Map<String, String> apiServers = new LinkedHashMap<>();
    for (String role : target.clusterRoles()) {
      contexts.put(role, target.cluster(role).name());
      apiServers.put(role, target.cluster(role).apiServer());
    }
    return new TargetIdentity(target.kind(), contexts, apiServers, target.kubernetesVersion());
  }
}
