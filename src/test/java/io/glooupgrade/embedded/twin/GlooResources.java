package io.glooupgrade.embedded.twin;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The Gloo custom resources the twin reads and writes, addressed without discovery. */
final class GlooResources {

  static final ResourceDefinitionContext VIRTUAL_SERVICES = context("gateway.solo.io", "virtualservices", "VirtualService");
  static final ResourceDefinitionContext GATEWAYS = context("gateway.solo.io", "gateways", "Gateway");
  static final ResourceDefinitionContext UPSTREAMS = context("gloo.solo.io", "upstreams", "Upstream");
  static final ResourceDefinitionContext PROXIES = context("gloo.solo.io", "proxies", "Proxy");
  static final ResourceDefinitionContext SETTINGS = context("gloo.solo.io", "settings", "Settings");

  private GlooResources() {
  }

  private static ResourceDefinitionContext context(String group, String plural, String kind) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1").withPlural(plural)
        .withKind(kind).withNamespaced(true).build();
  }
}
