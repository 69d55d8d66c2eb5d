package io.glooupgrade.selftest.catalog;

import io.glooupgrade.kube.KubeconfigYaml;

/** A kubeconfig for one embedded API server, as Helm and fabric8 read it (one context, a token). */
final class EmbeddedKubeconfig {

  private EmbeddedKubeconfig() {
  }

  static String of(String serverUrl) {
    return KubeconfigYaml.of("embedded", serverUrl, "t");
  }
}
