package io.glooupgrade.embedded.catalog;

import static io.glooupgrade.embedded.catalog.OpenApiSchema.arrayOf;
import static io.glooupgrade.embedded.catalog.OpenApiSchema.bool;
import static io.glooupgrade.embedded.catalog.OpenApiSchema.integer;
import static io.glooupgrade.embedded.catalog.OpenApiSchema.object;
import static io.glooupgrade.embedded.catalog.OpenApiSchema.opaque;
import static io.glooupgrade.embedded.catalog.OpenApiSchema.openObject;
import static io.glooupgrade.embedded.catalog.OpenApiSchema.string;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code .spec} schema of each Gloo CRD for one release. The routing CRDs (VirtualService,
 * RouteTable, RouteOption, VirtualHostOption, Proxy) declare the route structure down to
 * {@code options.retries}, so that the API server prunes the RetryPolicy fields the release does
 * not know; elsewhere the schema keeps unknown fields, which is enough for the harness and keeps
 * the fixture small.
 */
final class GlooSpecSchemas {

  private GlooSpecSchemas() {
  }

  static ObjectNode specOf(GlooCrd crd, GlooVersion version) {
    return switch (crd.specShape()) {
      case VIRTUAL_SERVICE -> object()
          .with("virtualHost", virtualHost(version))
          .with("sslConfig", opaque())
          .with("displayName", string())
          .build();
      case ROUTE_TABLE -> object()
          .with("routes", arrayOf(route(version)))
          .with("weight", integer())
          .build();
      case ROUTE_OPTION -> object()
          .with("options", routeOptions(version))
          .with("targetRefs", arrayOf(opaque()))
          .build();
      case VIRTUAL_HOST_OPTION -> object()
          .with("options", virtualHostOptions(version))
          .with("targetRefs", arrayOf(opaque()))
          .build();
      case PROXY -> object()
          .with("listeners", arrayOf(listener(version)))
          .with("compressedSpec", string())
          .build();
      case OPAQUE -> opaque();
    };
  }

  /** {@code options.retries}: the fields known since 1.0 plus those of {@link RetryPolicyField}. */
  static ObjectNode retryPolicy(GlooVersion version) {
    OpenApiSchema.Properties retries = object()
        .with("retryOn", string())
        .with("numRetries", integer())
        .with("perTryTimeout", string());
    for (RetryPolicyField field : version.retryPolicyFields()) {
      retries.with(field.fieldName(), switch (field) {
        case RETRY_BACK_OFF -> object()
            .with("baseInterval", string())
            .with("maxInterval", string())
            .build();
        case PREVIOUS_PRIORITIES -> object()
            .with("updateFrequency", integer())
            .build();
        case RETRIABLE_STATUS_CODES -> arrayOf(integer());
        case RATE_LIMITED_RETRY_BACK_OFF -> object()
            .with("resetHeaders", arrayOf(opaque()))
            .with("maxInterval", string())
            .build();
      });
    }
    return retries.build();
  }

  private static ObjectNode virtualHost(GlooVersion version) {
    return object()
        .with("domains", arrayOf(string()))
        .with("routes", arrayOf(route(version)))
        .with("options", virtualHostOptions(version))
        .with("optionsConfigRefs", opaque())
        .build();
  }

  private static ObjectNode route(GlooVersion version) {
    return object()
        .with("name", string())
        .with("matchers", arrayOf(matcher()))
        .with("inheritableMatchers", bool())
        .with("inheritablePathMatchers", bool())
        .with("routeAction", routeAction())
        .with("redirectAction", opaque())
        .with("directResponseAction", opaque())
        .with("delegateAction", opaque())
        .with("graphqlApiRef", opaque())
        .with("options", routeOptions(version))
        .with("optionsConfigRefs", opaque())
        .build();
  }

  private static ObjectNode matcher() {
    return object()
        .with("prefix", string())
        .with("exact", string())
        .with("regex", string())
        .with("headers", arrayOf(object()
            .with("name", string())
            .with("value", string())
            .with("regex", bool())
            .with("invertMatch", bool())
            .build()))
        .with("queryParameters", arrayOf(opaque()))
        .with("methods", arrayOf(string()))
        .with("caseSensitive", bool())
        .build();
  }

  // Destinations other than a single upstream (multi, upstreamGroup, clusterHeader...) are kept
  // as written: they do not vary between the releases the harness upgrades across.
  private static ObjectNode routeAction() {
    return openObject()
        .with("single", openObject()
            .with("upstream", object()
                .with("name", string())
                .with("namespace", string())))
        .build();
  }

  private static ObjectNode routeOptions(GlooVersion version) {
    return openObject()
        .with("prefixRewrite", string())
        .with("timeout", string())
        .with("retries", retryPolicy(version))
        .build();
  }

  private static ObjectNode virtualHostOptions(GlooVersion version) {
    return openObject()
        .with("retries", retryPolicy(version))
        .build();
  }

  private static ObjectNode listener(GlooVersion version) {
    return openObject()
        .with("name", string())
        .with("bindAddress", string())
        .with("bindPort", integer())
        .with("httpListener", openObject()
            .with("virtualHosts", arrayOf(openObject()
                .with("name", string())
                .with("domains", arrayOf(string()))
                .with("routes", arrayOf(route(version)))
                .with("options", virtualHostOptions(version))
                .build())))
        .build();
  }
}
