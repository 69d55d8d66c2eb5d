package io.glooupgrade.selftest.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.embedded.EmbeddedWorld;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against a real cluster a scenario must leave nothing behind, even when it fails: what it created
 * (the Helm release, its namespace, the CRDs the install added, the Helm hooks' webhook and RBAC
 * left behind by the uninstall, the petstore) is undone in reverse
 * order. Seen here on the embedded cluster just before it closes, after a scenario that failed.
 */
class ScenarioCleanupTest {

  @Test
  void aFailedScenarioLeavesNoReleaseNamespaceCrdOrPetstoreBehind() {
    List<String> leftOver = new ArrayList<>();
    ScenarioRun.Outcome outcome = ScenarioRun.run("upgrade-steps.feature",
        "CRDs first, then the Helm upgrade with the values in use (Upgrade Steps, steps 4 and 5)", "@oss",
        Faults.none().rejectVirtualServicesAt("1.19.20"), world -> leftOver.addAll(whatIsLeft(world))).get(0);

    assertThat(outcome.passed()).as("the scenario failed, as the fault makes it").isFalse();
    assertThat(leftOver).as("what the failed scenario left in the cluster").isEmpty();
  }

  private static List<String> whatIsLeft(EmbeddedWorld world) {
    try (KubernetesClient client = new KubeContext(world.contextName(), world.kubeconfig()).newClient()) {
      List<String> left = new ArrayList<>();
      client.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName())
          .filter(n -> n.startsWith("gloo-system")).forEach(n -> left.add("namespace " + n));
      client.secrets().inAnyNamespace().withLabel("owner", "helm").list().getItems()
          .forEach(s -> left.add("helm release secret " + s.getMetadata().getName()));
      client.apiextensions().v1().customResourceDefinitions().list().getItems()
          .forEach(c -> left.add("crd " + c.getMetadata().getName()));
      client.apps().deployments().inNamespace("default").list().getItems().stream().map(HasMetadata::getMetadata)
          .forEach(m -> left.add("deployment default/" + m.getName()));
      client.admissionRegistration().v1().validatingWebhookConfigurations().list().getItems()
          .forEach(w -> left.add("validatingwebhookconfiguration " + w.getMetadata().getName()));
      client.rbac().clusterRoles().withLabel("app", "gloo").list().getItems()
          .forEach(r -> left.add("clusterrole " + r.getMetadata().getName()));
      return left;
    }
  }
}
