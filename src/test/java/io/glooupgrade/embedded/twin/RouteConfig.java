package io.glooupgrade.embedded.twin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a Gloo control plane sends its proxies over xDS, reduced to what the twin routes:
 * virtual hosts (domains), routes (matcher, prefixRewrite, a single upstream's Service) and the
 * retry options as written (recorded, shown in the config dump).
 */
record RouteConfig(String controlPlaneVersion, List<VirtualHost> virtualHosts) {

  record VirtualHost(String name, List<String> domains, List<Route> routes) {
  }

  record Route(String matchKind, String matchValue, String prefixRewrite, Destination destination, JsonNode retries) {

    boolean matches(String path) {
      return switch (matchKind) {
        case "exact" -> path.equals(matchValue);
        case "regex" -> path.matches(matchValue);
        default -> path.startsWith(matchValue);
      };
    }

    /** Envoy's prefix_rewrite: the matched prefix (or the whole exact path) is replaced. */
    String rewrite(String path) {
      if (prefixRewrite == null) {
        return path;
      }
      String rest = matchKind.equals("prefix") ? path.substring(matchValue.length()) : "";
      return prefixRewrite + rest;
    }
  }

  /** An upstream resolved to the Service behind it. */
  record Destination(String upstream, String serviceNamespace, String serviceName, int servicePort) {
  }
}
