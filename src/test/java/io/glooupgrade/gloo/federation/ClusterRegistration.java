package io.glooupgrade.gloo.federation;

import io.glooupgrade.gloo.install.GlooEdge;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.gloo.glooctl.GlooctlBinary;
import io.glooupgrade.gloo.glooctl.GlooctlCommand;
import io.glooupgrade.gloo.glooctl.HarnessEquivalent;
import io.glooupgrade.kube.KubeconfigYaml;
import io.glooupgrade.kube.WaitTimeout;
import io.glooupgrade.kube.Waits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code glooctl cluster register} and {@code deregister}, with glooctl's effects: on the remote, a
 * ServiceAccount named after the cluster with a token Secret and the {@code gloo-federation-controller}
 * RBAC; on the management cluster, a {@code solo.io/kubeconfig} Secret and a KubernetesCluster in
 * the federation namespace. The token never reaches the evidence. Where the run configures a
 * glooctl binary, that binary registers and deregisters instead, with both clusters' kubeconfigs.
 */
public final class ClusterRegistration {

  public static final ResourceDefinitionContext KUBERNETES_CLUSTERS = new ResourceDefinitionContext.Builder()
      .withGroup("multicluster.solo.io").withVersion("v1alpha1").withPlural("kubernetesclusters")
      .withKind("KubernetesCluster").withNamespaced(true).build();
  static final String CONTROLLER_ROLE = "gloo-federation-controller";

  private final Optional<GlooEdge> managementCluster;
  private final KubernetesClient management;

  /** Registrations made by the configured glooctl binary, if any, else by the harness. */
  public ClusterRegistration(GlooEdge management) {
    this.managementCluster = Optional.of(management);
    this.management = management.client();
  }

  /** Registrations made by the harness, through the API. */
  public ClusterRegistration(KubernetesClient management) {
    this.managementCluster = Optional.empty();
    this.management = management;
  }

  public void register(String clusterName, GlooEdge remoteCluster, String remoteContext, String federationNamespace,
      String remoteNamespace) {
    Optional<GlooctlBinary> glooctl = managementCluster.flatMap(gloo -> gloo.glooctl().binary());
    if (glooctl.isPresent()) {
      glooctl.get().runOrFail(GlooctlCommand.clusterRegister(clusterName, remoteContext, federationNamespace,
          remoteNamespace), List.of(managementCluster.get().cluster(), remoteCluster.cluster()));
      return;
    }
    register(clusterName, remoteCluster.client(), remoteContext, federationNamespace, remoteNamespace);
  }

  public void register(String clusterName, KubernetesClient remote, String remoteContext, String federationNamespace,
      String remoteNamespace) {
    GlooctlCommand command = GlooctlCommand.clusterRegister(clusterName, remoteContext, federationNamespace,
        remoteNamespace);
    Evidence.standInFor(command.shown());
    List<String> before = registered(federationNamespace);
    remote.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(remoteNamespace).endMetadata()
        .build()).createOr(existing -> existing.update());
    remote.serviceAccounts().inNamespace(remoteNamespace).resource(new ServiceAccountBuilder().withNewMetadata()
        .withName(clusterName).endMetadata().build()).createOr(existing -> existing.update());
    remote.secrets().inNamespace(remoteNamespace).resource(new SecretBuilder().withNewMetadata()
        .withName(clusterName + "-token")
        .addToAnnotations("kubernetes.io/service-account.name", clusterName).endMetadata()
        .withType("kubernetes.io/service-account-token").build()).createOr(existing -> existing.update());
    remote.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(CONTROLLER_ROLE)
        .endMetadata().withRules(new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build())
        .build()).createOr(existing -> existing.update());
    remote.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
        .withName(clusterName + "-" + CONTROLLER_ROLE + "-clusterrole-binding").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(CONTROLLER_ROLE)
        .endRoleRef().addNewSubject().withKind("ServiceAccount").withName(clusterName).withNamespace(remoteNamespace)
        .endSubject().build()).createOr(existing -> existing.update());
    String token = Waits.until("the token of ServiceAccount " + clusterName + " on " + remoteContext,
        WaitTimeout.ROLLOUT, () -> remote.secrets().inNamespace(remoteNamespace).withName(clusterName + "-token").get(),
        s -> s != null && s.getData() != null && s.getData().containsKey("token"),
        s -> s == null ? "  no token Secret" : "  token Secret without a token yet")
        .getData().get("token");

    String kubeconfig = KubeconfigYaml.of(clusterName, remote.getMasterUrl().toString(), decode(token));
    management.secrets().inNamespace(federationNamespace).resource(new SecretBuilder().withNewMetadata()
        .withName(clusterName).endMetadata().withType("solo.io/kubeconfig")
        .addToData("kubeconfig", Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)))
        .build()).createOr(existing -> existing.update());
    GenericKubernetesResource cluster = new GenericKubernetesResourceBuilder()
        .withApiVersion("multicluster.solo.io/v1alpha1").withKind("KubernetesCluster")
        .withNewMetadata().withName(clusterName).withNamespace(federationNamespace).endMetadata().build();
    cluster.getAdditionalProperties().put("spec", Map.of("secretName", clusterName, "clusterDomain", "cluster.local"));
    management.genericKubernetesResources(KUBERNETES_CLUSTERS).inNamespace(federationNamespace).resource(cluster)
        .createOr(existing -> existing.update());
    HarnessEquivalent.attach(command, "what was done", "Created or updated through the API:\n"
        + "on " + remoteContext + ": Namespace " + remoteNamespace + ", ServiceAccount " + remoteNamespace + "/"
        + clusterName + ", Secret " + remoteNamespace + "/" + clusterName + "-token (kubernetes.io/service-account-token), "
        + "ClusterRole " + CONTROLLER_ROLE + ", ClusterRoleBinding " + clusterName + "-" + CONTROLLER_ROLE
        + "-clusterrole-binding\non the management cluster: Secret " + federationNamespace + "/" + clusterName
        + " (solo.io/kubeconfig, key kubeconfig, its token not shown), KubernetesCluster " + federationNamespace + "/"
        + clusterName + " {secretName: " + clusterName + ", clusterDomain: cluster.local}\n"
        + "KubernetesClusters in " + federationNamespace + " before: " + before + ", after: "
        + registered(federationNamespace));
  }

  // The KubernetesClusters of a federation namespace, by name: what register and deregister change.
  private List<String> registered(String federationNamespace) {
    return management.genericKubernetesResources(KUBERNETES_CLUSTERS).inNamespace(federationNamespace).list()
        .getItems().stream().map(c -> c.getMetadata().getName()).sorted().toList();
  }

  /** Removes what register created; namespaces and custom resources stay, as glooctl leaves them. */
  public void deregister(String clusterName, GlooEdge remoteCluster, String federationNamespace,
      String remoteNamespace) {
    Optional<GlooctlBinary> glooctl = managementCluster.flatMap(gloo -> gloo.glooctl().binary());
    if (glooctl.isPresent()) {
      glooctl.get().runOrFail(GlooctlCommand.clusterDeregister(clusterName, federationNamespace, remoteNamespace),
          List.of(managementCluster.get().cluster(), remoteCluster.cluster()));
      return;
    }
    deregister(clusterName, remoteCluster.client(), federationNamespace, remoteNamespace);
  }

  public void deregister(String clusterName, KubernetesClient remote, String federationNamespace,
      String remoteNamespace) {
    GlooctlCommand command = GlooctlCommand.clusterDeregister(clusterName, federationNamespace, remoteNamespace);
    Evidence.standInFor(command.shown());
    List<String> before = remaining(clusterName, remote, federationNamespace, remoteNamespace);
    management.genericKubernetesResources(KUBERNETES_CLUSTERS).inNamespace(federationNamespace).withName(clusterName)
        .delete();
    management.secrets().inNamespace(federationNamespace).withName(clusterName).delete();
    remote.rbac().clusterRoleBindings().withName(clusterName + "-" + CONTROLLER_ROLE + "-clusterrole-binding").delete();
    remote.secrets().inNamespace(remoteNamespace).withName(clusterName + "-token").delete();
    remote.serviceAccounts().inNamespace(remoteNamespace).withName(clusterName).delete();
    List<String> after = remaining(clusterName, remote, federationNamespace, remoteNamespace);
    HarnessEquivalent.attach(command, "what was done", "Deleted through the API; namespaces and custom resources "
        + "left in place.\nThe registration's objects before:\n  " + String.join("\n  ", before)
        + "\nafter:\n  " + (after.isEmpty() ? "none" : String.join("\n  ", after)));
  }

  /**
   * What of a registration is still there, on both sides ({@code kubectl get} of each object
   * register creates but the shared ClusterRole); empty once it is deregistered.
   */
  public List<String> remaining(String clusterName, KubernetesClient remote, String federationNamespace,
      String remoteNamespace) {
    List<String> remaining = new ArrayList<>();
    if (management.genericKubernetesResources(KUBERNETES_CLUSTERS).inNamespace(federationNamespace)
        .withName(clusterName).get() != null) {
      remaining.add("KubernetesCluster " + federationNamespace + "/" + clusterName + " on the management cluster");
    }
    if (management.secrets().inNamespace(federationNamespace).withName(clusterName).get() != null) {
      remaining.add("kubeconfig Secret " + federationNamespace + "/" + clusterName + " on the management cluster");
    }
    if (remote.serviceAccounts().inNamespace(remoteNamespace).withName(clusterName).get() != null) {
      remaining.add("ServiceAccount " + remoteNamespace + "/" + clusterName + " on the remote");
    }
    if (remote.secrets().inNamespace(remoteNamespace).withName(clusterName + "-token").get() != null) {
      remaining.add("token Secret " + remoteNamespace + "/" + clusterName + "-token on the remote");
    }
    String binding = clusterName + "-" + CONTROLLER_ROLE + "-clusterrole-binding";
    if (remote.rbac().clusterRoleBindings().withName(binding).get() != null) {
      remaining.add("ClusterRoleBinding " + binding + " on the remote");
    }
    return remaining;
  }


  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
