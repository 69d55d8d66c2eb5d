package io.glooupgrade.lifecycle;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.config.WholeNumberSetting;
import io.glooupgrade.kube.TargetResolver;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfigurationStrategy;

/**
 * How many scenarios run side by side (Cucumber on the JUnit Platform, strategy "custom"). On the
 * embedded target every scenario gets clusters of its own, so several run at once: as many as the
 * machine has cores, at most four. Measured (docs/benchmarks.md), the embedded suite is bound by the
 * cores, not by waiting: Helm's Go code, the hook Jobs' kubectl and the embedded API server share
 * them, so more scenarios than cores only make each slower. Scenarios on a real cluster
 * share it (the same gloo-system, the same CRDs), so they run one at a time unless
 * harness.parallelism says otherwise, which is only safe for scenarios isolated from each other. A
 * plan rehearses one scenario at a time, so that its printed commands read in order.
 */
public final class ScenarioParallelism implements ParallelExecutionConfigurationStrategy {

  /** At most this many side by side on the embedded target, however many cores. */
  static final int EMBEDDED_MAX = 4;

  public static final WholeNumberSetting PARALLELISM = new WholeNumberSetting("harness.parallelism", 1, 32, 0);

  @Override
  public ParallelExecutionConfiguration createConfiguration(ConfigurationParameters parameters) {
    return new Fixed(parallelism());
  }

  /** The configured parallelism, else the target's: the cores (at most four) on the embedded target, 1 elsewhere. */
  public static int parallelism() {
    long configured = PARALLELISM.value();
    if (configured > 0) {
      return (int) configured;
    }
    HarnessSettings settings;
    try {
      settings = HarnessSettings.fromEnvironment();
    } catch (RuntimeException invalid) {
      return 1; // the scenarios report the settings' problems themselves, one at a time
    }
    return TargetResolver.scenariosHaveOwnClusters(settings) && !settings.plan()
        ? Math.max(1, Math.min(EMBEDDED_MAX, Runtime.getRuntime().availableProcessors())) : 1;
  }

  /**
   * Exactly {@code parallelism} scenarios at a time. The pool adds no thread while one blocks (a
   * client's future joined on a worker would otherwise let it start more scenarios than cores can
   * serve: everything at once, each slower); at that limit it saturates instead of failing.
   */
  private record Fixed(int parallelism) implements ParallelExecutionConfiguration {

    @Override
    public int getParallelism() {
      return parallelism;
    }

    @Override
    public int getMinimumRunnable() {
      return parallelism;
    }

    @Override
    public int getMaxPoolSize() {
      return parallelism;
    }

    @Override
    public int getCorePoolSize() {
      return parallelism;
    }

    @Override
    public int getKeepAliveSeconds() {
      return 30;
    }

    @Override
    public java.util.function.Predicate<? super java.util.concurrent.ForkJoinPool> getSaturatePredicate() {
      return pool -> true;
    }
  }
}
