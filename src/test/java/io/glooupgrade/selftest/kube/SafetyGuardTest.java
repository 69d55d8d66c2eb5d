package io.glooupgrade.selftest.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.embedded.EmbeddedWorld;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import io.glooupgrade.kube.UnsafeTargetException;
import io.glooupgrade.selftest.support.ScenarioRun;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The safety guard: a cluster reached through a kubeconfig is changed only when its context is in
 * harness.allowContexts; otherwise the run stops before its first change, naming the context and
 * how to allow it. Shown against an embedded cluster reached as a real one would be.
 */
class SafetyGuardTest {

  private EmbeddedWorld staging;

  @BeforeEach
  void start() {
    staging = EmbeddedWorld.start("1.31.4");
  }

  @AfterEach
  void stop() {
    staging.close();
  }

  @Test
  void aContextNobodyAllowedIsRefusedNamingItAndHowToAllowIt() {
    assertThatThrownBy(() -> TargetResolver.resolve(settings(Map.of())))
        .isInstanceOf(UnsafeTargetException.class)
        .hasMessageContaining("context '" + staging.contextName() + "' is not in harness.allowContexts")
        .hasMessageContaining("nothing was changed")
        .hasMessageContaining("-Dharness.allowContexts=" + staging.contextName());
  }

  @Test
  void anAllowedContextIsUsed() {
    try (Target target = TargetResolver.resolve(settings(Map.of("harness.allowContexts",
        "other, " + staging.contextName())))) {
      assertThat(target.kind()).isEqualTo("kubeconfig");
      assertThat(target.cluster().name()).isEqualTo(staging.contextName());
    }
  }

  @Test
  void aWholeScenarioStopsBeforeItsFirstChange() {
    Map<String, String> run = Map.of("harness.target", "kubeconfig",
        "harness.kubeconfig", staging.kubeconfig().toString(),
        // the repositories are needed by no step here: the run must stop before Helm is used
        "harness.gloo.repository", "http://127.0.0.1:9/never-used");
    // The run's preflight refuses it before the scenario starts, and the run fails at its end with that message.
    assertThatThrownBy(() -> ScenarioRun.runOne("upgrade-steps.feature",
        "CRDs first, then the Helm upgrade with the values in use (Upgrade Steps, steps 4 and 5)", "@oss",
        Faults.none(), run))
        .isInstanceOf(io.glooupgrade.lifecycle.PreflightFailure.class)
        .satisfies(e -> assertThat(((io.glooupgrade.lifecycle.PreflightFailure) e).problems()).singleElement()
            .asString().contains("is not in harness.allowContexts").contains("nothing was changed"));
    try (KubernetesClient client = new KubeContext(staging.contextName(), staging.kubeconfig()).newClient()) {
      assertThat(client.namespaces().list().getItems()).as("namespaces on the refused cluster").isEmpty();
      assertThat(client.secrets().inAnyNamespace().list().getItems()).as("Helm releases").isEmpty();
      assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
    }
  }

  private HarnessSettings settings(Map<String, String> extra) {
    Map<String, String> values = new java.util.HashMap<>(Map.of("harness.target", "kubeconfig",
        "harness.kubeconfig", staging.kubeconfig().toString()));
    values.putAll(extra);
    return HarnessSettings.from(values);
  }
}
