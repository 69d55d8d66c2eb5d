package io.glooupgrade.selftest.apiserver;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HelmSpikeTest {
  @Test
  void installsAChart() throws Exception {
    try (EmbeddedApiServer api = EmbeddedApiServer.start("1.31.4")) {
      Path dir = Files.createTempDirectory("spike");
      Helm.create().withName("demo").withDir(dir).call();
      String kc = "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: " + api.url()
          + "\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\nusers:\n- name: u\n  user:\n    token: t\n";
      long t0 = System.nanoTime();
      Release r = new Helm(dir.resolve("demo")).install().withName("demo").withNamespace("demo").createNamespace()
          .withKubeConfigContents(kc).call();
      System.out.println("INSTALL " + r.getStatus() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms\n" + r.getOutput());
      t0 = System.nanoTime();
      Release u = new Helm(dir.resolve("demo")).upgrade().withName("demo").withNamespace("demo").set("replicaCount", 2)
          .withKubeConfigContents(kc).call();
      System.out.println("UPGRADE " + u.getStatus() + " rev " + u.getRevision() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      System.out.println(Helm.list().withNamespace("demo").withKubeConfigContents(kc).call().size() + " releases");
      System.out.println(Helm.uninstall("demo").withNamespace("demo").withKubeConfigContents(kc).call());
    }
  }
}
