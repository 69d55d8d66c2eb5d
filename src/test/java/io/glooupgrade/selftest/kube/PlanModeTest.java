package io.glooupgrade.selftest.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.embedded.EmbeddedWorld;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plan mode: a scenario pointed at a cluster through its kubeconfig prints the documented commands
 * it would perform there, with the configured Helm repository and the cluster's context, and
 * changes nothing, even on a context the safety guard would refuse (it says so).
 */
class PlanModeTest {

  private static final String PUBLIC_REPOSITORY = "https://charts.example.invalid/gloo";
  private EmbeddedWorld staging;

  @BeforeEach
  void start() {
    staging = EmbeddedWorld.start("1.31.4", List.of("staging"));
  }

  @AfterEach
  void stop() {
    staging.close();
  }

  @Test
  void planModeListsTheCommandsOfEveryStepAndChangesNothing() throws Exception {
    Path plan = Path.of(System.getProperty("allure.results.directory", "reports/allure-results"))
        .toAbsolutePath().resolveSibling("plan.md");
    Files.deleteIfExists(plan);

    ScenarioRun.Outcome outcome = ScenarioRun.runOne("upgrade-steps.feature",
        "CRDs first, then the Helm upgrade with the values in use (Upgrade Steps, steps 4 and 5)", "@oss",
        Faults.none(), Map.of("harness.plan", "true", "harness.target", "kubeconfig",
            "harness.kubeconfig", staging.kubeconfig().toString(), "harness.gloo.repository", PUBLIC_REPOSITORY,
            // Helm's own --timeout, which the commands then leave unsaid, as a real run's would.
            "harness.timeout.helm", "300"));

    assertThat(outcome.passed()).as("the rehearsal: %s", outcome).isTrue();
    String written = Files.readString(plan);
    assertThat(written)
        .contains("Target: kubeconfig contexts staging, Kubernetes 1.31.4")
        .contains("context 'staging' is not in harness.allowContexts")
        .contains("## CRDs first, then the Helm upgrade with the values in use")
        .contains("- Given Gloo Edge at the current version is installed with Helm in \"gloo-system\"")
        .contains("$ helm repo add gloo " + PUBLIC_REPOSITORY)
        .contains("$ helm install gloo gloo/gloo -n gloo-system --create-namespace --version 1.18.41")
        .contains("$ kubectl apply -f ")
        .contains("$ helm upgrade -n gloo-system gloo gloo/gloo --version=1.19.20 -f values.yaml")
        .contains("$ curl $PROXY_URL/all-pets")
        .contains("- After the scenario: undo what it created")
        .contains("$ glooctl uninstall -n gloo-system")
        .doesNotContain("127.0.0.1");
    assertThat(written.indexOf("helm install gloo")).as("install before upgrade")
        .isLessThan(written.indexOf("helm upgrade -n gloo-system gloo"));

    try (KubernetesClient client = new KubeContext("staging", staging.kubeconfig()).newClient()) {
      assertThat(client.namespaces().list().getItems()).as("namespaces on the planned cluster").isEmpty();
      assertThat(client.secrets().inAnyNamespace().list().getItems()).as("Helm releases").isEmpty();
      assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
    }
  }

  @Test
  void aPlanOfTheIncrementalPathPrintsEveryHopWithItsCommandsAndChangesNothing() throws Exception {
    Path plan = Path.of(System.getProperty("allure.results.directory", "reports/allure-results"))
        .toAbsolutePath().resolveSibling("plan.md");
    Files.deleteIfExists(plan);

    ScenarioRun.Outcome outcome = ScenarioRun.runOne("upgrade-path.feature", "From the current version to the new "
        + "one, through the latest patch of every minor between (Upgrade Steps, steps 1 to 5, hop by hop)", "@oss",
        Faults.none(), Map.of("harness.plan", "true", "harness.target", "kubeconfig",
            "harness.kubeconfig", staging.kubeconfig().toString(), "harness.gloo.repository", PUBLIC_REPOSITORY,
            "harness.timeout.helm", "300", "harness.current.version", "1.16.27", "harness.new.version", "1.19.20"));

    assertThat(outcome.passed()).as("the rehearsal: %s", outcome).isTrue();
    String written = Files.readString(plan);
    assertThat(written)
        .contains("- Given the documented path from the current to the new version is planned")
        .contains("$ helm search repo gloo/gloo --versions")
        .contains("  - hop 1 of 3: 1.16.27 -> 1.17.38 (latest patch of 1.17)")
        .contains("  - hop 2 of 3: 1.17.38 -> 1.18.41 (latest patch of 1.18)")
        .contains("  - hop 3 of 3: 1.18.41 -> 1.19.20 (the new version)")
        .contains("$ helm upgrade -n gloo-system gloo gloo/gloo --version=1.17.38 -f values.yaml")
        .contains("$ helm upgrade -n gloo-system gloo gloo/gloo --version=1.19.20 -f values.yaml")
        .doesNotContain("127.0.0.1");
    assertThat(written.indexOf("hop 2 of 3")).as("hops in order").isLessThan(written.indexOf("hop 3 of 3"));
    assertThat(written.indexOf("--version=1.18.41 -f values.yaml")).as("the hop's upgrade under the hop")
        .isGreaterThan(written.indexOf("hop 2 of 3")).isLessThan(written.indexOf("hop 3 of 3"));

    try (KubernetesClient client = new KubeContext("staging", staging.kubeconfig()).newClient()) {
      assertThat(client.namespaces().list().getItems()).as("namespaces on the planned cluster").isEmpty();
    }
  }
}
