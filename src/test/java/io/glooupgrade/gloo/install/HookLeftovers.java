package io.glooupgrade.gloo.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.evidence.Evidence;
import java.util.Map;

/**
 * The cluster-scoped objects a Gloo Edge release creates as Helm hooks, which {@code helm
 * uninstall} (and so {@code glooctl uninstall}) leaves behind: the validation webhook
 * configuration and the certgen Job's ClusterRole and ClusterRoleBinding. A scenario's cleanup
 * removes those of the namespace it installed in, so that a real cluster keeps no webhook that
 * points at a Gloo which is gone.
 */
public final class HookLeftovers {

  private static final String HOOK = "helm.sh/hook";

  private HookLeftovers() {
  }

  /** Deletes the hook objects of the release in {@code namespace}; objects of other installs stay. */
  public static void delete(KubernetesClient client, String namespace) {
    client.admissionRegistration().v1().validatingWebhookConfigurations().withLabel("app", "gloo").list().getItems()
        .stream().filter(HookLeftovers::isHook)
        .filter(c -> !c.getWebhooks().isEmpty() && c.getWebhooks().stream().allMatch(w -> w.getClientConfig() != null
            && w.getClientConfig().getService() != null
            && namespace.equals(w.getClientConfig().getService().getNamespace())))
        .forEach(c -> {
          Evidence.documentedCommand("kubectl delete validatingwebhookconfiguration " + c.getMetadata().getName());
          client.admissionRegistration().v1().validatingWebhookConfigurations().resource(c).delete();
        });
    for (ClusterRoleBinding binding : client.rbac().clusterRoleBindings().withLabel("app", "gloo").list().getItems()) {
      if (!isHook(binding) || binding.getSubjects().isEmpty()
          || !binding.getSubjects().stream().allMatch(s -> namespace.equals(s.getNamespace()))) {
        continue;
      }
      Evidence.documentedCommand("kubectl delete clusterrolebinding " + binding.getMetadata().getName());
      client.rbac().clusterRoleBindings().resource(binding).delete();
      var role = client.rbac().clusterRoles().withName(binding.getRoleRef().getName()).get();
      if (role != null && isHook(role)) {
        Evidence.documentedCommand("kubectl delete clusterrole " + role.getMetadata().getName());
        client.rbac().clusterRoles().resource(role).delete();
      }
    }
  }

  private static boolean isHook(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(HOOK);
  }
}
