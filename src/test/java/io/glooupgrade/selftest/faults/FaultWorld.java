package io.glooupgrade.selftest.faults;

import io.glooupgrade.gloo.Edition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.selftest.support.TwinWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An embedded world with faults switched on, and the few actions the fault tests share. */
final class FaultWorld implements AutoCloseable {

  final TwinWorld twin;
  private final Path workDir;

  FaultWorld(Path workDir, ProxyStartup startup, Faults faults) {
    this.workDir = workDir;
    this.twin = new TwinWorld(workDir, startup, faults);
  }

  /** Applies the new CRDs, then {@code helm upgrade} with the values in use, without waiting. */
  void upgradeTo(String version) {
    upgradeTo(version, Map.of());
  }

  /** The same with {@code --set} values. */
  void upgradeTo(String version, Map<String, String> sets) {
    try {
      twin.gloo.applyCrdsOf(Edition.OSS, version);
      Path values = Files.writeString(workDir.resolve("values.yaml"),
          twin.gloo.helm().getValues("gloo-system", "gloo", "gloo/gloo"));
      var release = new GlooInstallation("gloo-system", version).helmRelease().withValues(values);
      for (Map.Entry<String, String> set : sets.entrySet()) {
        release = release.withSet(set.getKey(), set.getValue());
      }
      twin.gloo.helm().upgrade(release);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Pod> podsAt(String component, String version) {
    return twin.pods("gloo-system", component).stream()
        .filter(p -> p.getSpec().getContainers().get(0).getImage().endsWith(":" + version)).toList();
  }

  ResourceDefinitionContext virtualServices() {
    return TwinWorld.VIRTUAL_SERVICES;
  }

  Map<String, Object> statusOf(GenericKubernetesResource resource, String reporter) {
    return TwinWorld.statusOf(resource, reporter);
  }

  @Override
  public void close() {
    twin.close();
  }
}
