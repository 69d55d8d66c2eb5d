package io.glooupgrade.embedded.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The CustomResourceDefinitions of Gloo Edge and which releases ship each one in the chart's
 * {@code crds/} folder (GLOO_FACTS.md "CRDs in crds/"). 1.16 ships the 14 common ones, 1.17 adds
 * gatewayparameters, listeneroptions and httplisteneroptions, 1.18 adds directresponses;
 * graphqlapis is absent in 1.20.0-1.20.1 and from 1.21 on. The Federation CRDs are never in the
 * gloo chart; they are listed for the gloo-fed chart.
 *
 * <p>GLOO_FACTS.md gives no CRD set for 1.12 and 1.13 (offered for the canary guide's Federation
 * example): they ship the 1.16 set of 14, which is what the predicates below give any release
 * before 1.17.
 *
 * <p>Served versions follow the real CRDs (ratelimit and the kubebuilder-made
 * gateway.gloo.solo.io kinds are {@code v1alpha1}, graphql is {@code v1beta1}); every other one
 * is {@code v1}.
 */
public enum GlooCrd {
  AUTH_CONFIGS("enterprise.gloo.solo.io", "v1", "AuthConfig", "authconfigs", List.of("ac"),
      SpecShape.OPAQUE, v -> true),
  GATEWAYS("gateway.solo.io", "v1", "Gateway", "gateways", List.of("gw"),
      SpecShape.OPAQUE, v -> true),
  HTTP_GATEWAYS("gateway.solo.io", "v1", "MatchableHttpGateway", "httpgateways", List.of("hgw"),
      SpecShape.OPAQUE, v -> true),
  TCP_GATEWAYS("gateway.solo.io", "v1", "MatchableTcpGateway", "tcpgateways", List.of(),
      SpecShape.OPAQUE, v -> true),
  ROUTE_OPTIONS("gateway.solo.io", "v1", "RouteOption", "routeoptions", List.of("rtopts"),
      SpecShape.ROUTE_OPTION, v -> true),
  ROUTE_TABLES("gateway.solo.io", "v1", "RouteTable", "routetables", List.of("rt"),
      SpecShape.ROUTE_TABLE, v -> true),
  VIRTUAL_HOST_OPTIONS("gateway.solo.io", "v1", "VirtualHostOption", "virtualhostoptions",
      List.of("vhopts"), SpecShape.VIRTUAL_HOST_OPTION, v -> true),
  VIRTUAL_SERVICES("gateway.solo.io", "v1", "VirtualService", "virtualservices", List.of("vs"),
      SpecShape.VIRTUAL_SERVICE, v -> true),
  PROXIES("gloo.solo.io", "v1", "Proxy", "proxies", List.of("px"),
      SpecShape.PROXY, v -> true),
  SETTINGS("gloo.solo.io", "v1", "Settings", "settings", List.of("st"),
      SpecShape.OPAQUE, v -> true),
  UPSTREAMS("gloo.solo.io", "v1", "Upstream", "upstreams", List.of("us"),
      SpecShape.OPAQUE, v -> true),
  UPSTREAM_GROUPS("gloo.solo.io", "v1", "UpstreamGroup", "upstreamgroups", List.of("ug"),
      SpecShape.OPAQUE, v -> true),
  GRAPHQL_APIS("graphql.gloo.solo.io", "v1beta1", "GraphQLApi", "graphqlapis", List.of("gql"),
      SpecShape.OPAQUE, GlooCrd::shipsGraphQl),
  RATE_LIMIT_CONFIGS("ratelimit.solo.io", "v1alpha1", "RateLimitConfig", "ratelimitconfigs",
      List.of("rlc"), SpecShape.OPAQUE, v -> true),
  GATEWAY_PARAMETERS("gateway.gloo.solo.io", "v1alpha1", "GatewayParameters",
      "gatewayparameters", List.of(), SpecShape.OPAQUE, v -> v.isAtLeast("1.17.0")),
  LISTENER_OPTIONS("gateway.solo.io", "v1", "ListenerOption", "listeneroptions",
      List.of("lisopts"), SpecShape.OPAQUE, v -> v.isAtLeast("1.17.0")),
  HTTP_LISTENER_OPTIONS("gateway.solo.io", "v1", "HttpListenerOption", "httplisteneroptions",
      List.of("hlisopts"), SpecShape.OPAQUE, v -> v.isAtLeast("1.17.0")),
  DIRECT_RESPONSES("gateway.gloo.solo.io", "v1alpha1", "DirectResponse", "directresponses",
      List.of("dr"), SpecShape.OPAQUE, v -> v.isAtLeast("1.18.0")),
  /** Federation (gloo-fed chart), never in the gloo chart. */
  KUBERNETES_CLUSTERS("multicluster.solo.io", "v1alpha1", "KubernetesCluster",
      "kubernetesclusters", List.of(), SpecShape.OPAQUE, v -> false),
  /** Federation (gloo-fed chart), never in the gloo chart. */
  FEDERATED_VIRTUAL_SERVICES("fed.gateway.solo.io", "v1", "FederatedVirtualService",
      "federatedvirtualservices", List.of("fedvs"), SpecShape.OPAQUE, v -> false);

  /** How much of {@code .spec} the schema declares (see {@link GlooSpecSchemas}). */
  enum SpecShape { OPAQUE, VIRTUAL_SERVICE, ROUTE_TABLE, ROUTE_OPTION, VIRTUAL_HOST_OPTION, PROXY }

  private final String group;
  private final String servedVersion;
  private final String kind;
  private final String plural;
  private final List<String> shortNames;
  private final SpecShape specShape;
  private final Predicate<GlooVersion> inGlooChart;

  GlooCrd(String group, String servedVersion, String kind, String plural, List<String> shortNames,
      SpecShape specShape, Predicate<GlooVersion> inGlooChart) {
    this.group = group;
    this.servedVersion = servedVersion;
    this.kind = kind;
    this.plural = plural;
    this.shortNames = shortNames;
    this.specShape = specShape;
    this.inGlooChart = inGlooChart;
  }

  /** {@code virtualservices.gateway.solo.io}. */
  public String crdName() {
    return plural + "." + group;
  }

  public String group() {
    return group;
  }

  /** The one version served and stored, e.g. {@code v1}. */
  public String servedVersion() {
    return servedVersion;
  }

  /** {@code gateway.solo.io/v1}. */
  public String apiVersion() {
    return group + "/" + servedVersion;
  }

  public String kind() {
    return kind;
  }

  public String listKind() {
    return kind + "List";
  }

  public String plural() {
    return plural;
  }

  /** Lower-case kind, as the real CRDs have it ({@code settings} for Settings). */
  public String singular() {
    return kind.toLowerCase(Locale.ROOT);
  }

  public List<String> shortNames() {
    return shortNames;
  }

  /** Whether the gloo chart of this release has this CRD in {@code crds/}. */
  public boolean isShippedWith(GlooVersion version) {
    return inGlooChart.test(version);
  }

  public boolean isFederation() {
    return this == KUBERNETES_CLUSTERS || this == FEDERATED_VIRTUAL_SERVICES;
  }

  SpecShape specShape() {
    return specShape;
  }

  /** The CRDs in the gloo chart's {@code crds/} folder of this release. */
  public static List<GlooCrd> shippedWith(GlooVersion version) {
    return Arrays.stream(values()).filter(c -> c.isShippedWith(version)).toList();
  }

  /** The Federation CRDs (gloo-fed chart). */
  public static List<GlooCrd> federation() {
    return Arrays.stream(values()).filter(GlooCrd::isFederation).toList();
  }

  public static Optional<GlooCrd> byName(String crdName) {
    return Arrays.stream(values()).filter(c -> c.crdName().equals(crdName)).findFirst();
  }

  // GLOO_FACTS.md: graphqlapis is absent in 1.20.0-1.20.1 and from 1.21 on.
  private static boolean shipsGraphQl(GlooVersion v) {
    boolean removedIn120Early = v.isAtLeast("1.20.0") && v.isBefore("1.20.2");
    return !removedIn120Early && v.isBefore("1.21.0");
  }
}
