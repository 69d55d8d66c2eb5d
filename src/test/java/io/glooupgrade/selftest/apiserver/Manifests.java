package io.glooupgrade.selftest.apiserver;

/** Small objects the canary tests write, shaped like what a Gloo chart and Helm send. */
final class Manifests {

  static final String NAMESPACE = "gloo-system";
  static final String VS_CRD_NAME = "virtualservices.gateway.solo.io";
  static final String VS_COLLECTION = "/apis/gateway.solo.io/v1/namespaces/" + NAMESPACE + "/virtualservices";
  static final String SECRETS = "/api/v1/namespaces/" + NAMESPACE + "/secrets";
  static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments";
  static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private Manifests() {
  }

  static String secret(String name) {
    return """
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s","namespace":"%s"},
         "type":"Opaque","data":{"token":"c2VjcmV0"}}
        """.formatted(name, NAMESPACE);
  }

  /** The gloo Deployment of a Gloo chart, cut down: two containers, env, ports and a rolling strategy. */
  static String glooDeployment() {
    return """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"gloo","namespace":"%s","labels":{"app":"gloo","gloo":"gloo"}},
         "spec":{"replicas":1,"selector":{"matchLabels":{"gloo":"gloo"}},
          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}},
          "template":{"metadata":{"labels":{"gloo":"gloo"}},"spec":{"containers":[
           {"name":"gloo","image":"quay.io/solo-io/gloo:1.17.0",
            "env":[{"name":"LOG_LEVEL","value":"info"},{"name":"OLD_FLAG","value":"x"}],
            "ports":[{"containerPort":9977,"name":"grpc-xds","protocol":"TCP"}]},
           {"name":"sds","image":"quay.io/solo-io/sds:1.17.0"}]}}}}
        """.formatted(NAMESPACE);
  }

  /**
   * The VirtualService CRD with a structural schema that, like Gloo 1.12's, knows retries but not
   * {@code retryBackOff}; route matchers preserve unknown fields. v1 is served, v2alpha1 is not.
   */
  static String virtualServiceCrd() {
    return """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"virtualservices.gateway.solo.io"},
         "spec":{"group":"gateway.solo.io","scope":"Namespaced",
          "names":{"kind":"VirtualService","listKind":"VirtualServiceList","plural":"virtualservices",
                   "singular":"virtualservice","shortNames":["vs"]},
          "versions":[
           {"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
            "schema":{"openAPIV3Schema":{"type":"object","properties":{
             "spec":{"type":"object","properties":{
              "virtualHost":{"type":"object","properties":{
               "domains":{"type":"array","items":{"type":"string"}},
               "routes":{"type":"array","items":{"type":"object","properties":{
                "matchers":{"type":"array","items":{"type":"object","x-kubernetes-preserve-unknown-fields":true}},
                "options":{"type":"object","properties":{
                 "retries":{"type":"object","properties":{
                  "retryOn":{"type":"string"},"numRetries":{"type":"integer"}}}}}}}}}}}},
             "status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}},
           {"name":"v2alpha1","served":false,"storage":false,
            "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """;
  }

  /** A VirtualService written by a newer Gloo: retryBackOff and a few fields no schema declares. */
  static String virtualServiceWithNewerFields(String name) {
    return """
        {"apiVersion":"gateway.solo.io/v1","kind":"VirtualService",
         "metadata":{"name":"%s","namespace":"%s","labels":{"team":"petstore"}},
         "spec":{"virtualHost":{"domains":["*"],
           "routes":[{"matchers":[{"prefix":"/","headers":[{"name":"x-canary"}]}],
                      "options":{"retries":{"retryOn":"5xx","numRetries":3,
                                            "retryBackOff":{"baseInterval":"1s","maxInterval":"5s"}}},
                      "routeField":"unknown"}],
           "hostField":"unknown"},
          "specField":"unknown"},
         "topLevelField":"unknown"}
        """.formatted(name, NAMESPACE);
  }
}
