package io.glooupgrade.steps;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.evidence.RunEnvironment;
import io.glooupgrade.gloo.GlooEdge;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.kube.Target;
import io.glooupgrade.kube.TargetResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one scenario works on, shared by the step classes (picocontainer gives each scenario a
 * fresh one): the settings, the resolved target and the Gloo Edge installation under test.
 */
public final class ScenarioState {

  private HarnessSettings settings;
  private Target target;
  private GlooEdge gloo;
  private GlooInstallation installation;

  void open() {
    settings = HarnessSettings.fromEnvironment();
    target = TargetResolver.resolve(settings);
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("edition", "OSS");
    facts.put("current.version", settings.currentVersion());
    facts.put("new.version", settings.newVersion());
    facts.put("target", target.kind());
    facts.put("kubernetes.version", target.kubernetesVersion());
    RunEnvironment.record(facts);
    try {
      Path workDir = Files.createTempDirectory("gloo-upgrade-scenario-");
      gloo = new GlooEdge(target, workDir);
    } catch (IOException e) {
      target.close();
      throw new UncheckedIOException(e);
    }
  }

  void close() {
    if (gloo != null) {
      gloo.close();
    }
    if (target != null) {
      target.close();
    }
  }

  HarnessSettings settings() {
    return settings;
  }

  GlooEdge gloo() {
    return gloo;
  }

  GlooInstallation installation() {
    if (installation == null) {
      throw new IllegalStateException("no Gloo Edge installation yet: a Given step must install it first");
    }
    return installation;
  }

  void installation(GlooInstallation installation) {
    this.installation = installation;
  }
}
