package io.glooupgrade.selftest.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.config.InvalidSettingsException;
import io.glooupgrade.lifecycle.ScenarioParallelism;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How many scenarios run side by side: the cores on the embedded target, one on a shared cluster, or as set. */
class ScenarioParallelismTest {

  private final Map<String, String> saved = new HashMap<>();

  private void set(String key, String value) {
    if (!saved.containsKey(key)) { // putIfAbsent would replace a saved null
      saved.put(key, System.getProperty(key));
    }
    System.setProperty(key, value);
  }

  @AfterEach
  void restore() {
    saved.forEach((key, value) -> {
      if (value == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, value);
      }
    });
  }

  @Test
  void theEmbeddedTargetRunsAsManyAsTheCoresAtMostFour() {
    set("harness.target", "embedded");
    assertThat(ScenarioParallelism.parallelism())
        .isEqualTo(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
  }

  @Test
  void scenariosSharingARealClusterRunOneAtATime() {
    set("harness.target", "kubeconfig");
    assertThat(ScenarioParallelism.parallelism()).isEqualTo(1);
  }

  @Test
  void aPlanRunsOneAtATimeSoThatItsCommandsPrintInOrder() {
    set("harness.target", "embedded");
    set("harness.plan", "true");
    assertThat(ScenarioParallelism.parallelism()).isEqualTo(1);
  }

  @Test
  void theSettingDecidesWhenGivenAndIsChecked() {
    set("harness.target", "kubeconfig");
    set("harness.parallelism", "3");
    assertThat(ScenarioParallelism.parallelism()).isEqualTo(3);
    set("harness.parallelism", "0");
    assertThatThrownBy(ScenarioParallelism::parallelism).isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("harness.parallelism is 0; expected 1 to 32");
  }
}
