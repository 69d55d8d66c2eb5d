package io.glooupgrade.selftest.catalog;

import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import io.glooupgrade.kube.KubeconfigYaml;

/** A kubeconfig for one embedded API server, as Helm and fabric8 read it (one context, the administrator's token). */
final class EmbeddedKubeconfig {

  private EmbeddedKubeconfig() {
  }

  static String of(String serverUrl) {
    return KubeconfigYaml.of("embedded", serverUrl, EmbeddedApiServer.ADMIN_TOKEN);
  }
}
