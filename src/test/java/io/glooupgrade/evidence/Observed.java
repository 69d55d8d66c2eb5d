package io.glooupgrade.evidence;

/** What the step definitions that share an observation observe ({@link Encodes#observation}). */
public final class Observed {

  /** An install or upgrade with Helm, judged by what Helm and the cluster report afterwards. */
  public static final String ROLLED_OUT = "Helm's release status and the outcome of the chart's hook Jobs (their logs "
      + "when they fail), then every Deployment of the namespace rolled out with Ready pods, read from the cluster";

  /** glooctl check, or its harness equivalent, on the cluster where the installation runs. */
  public static final String GLOOCTL_CHECK = "glooctl check's checks on the cluster: the Deployments and gloo pods, "
      + "every status gloo wrote on the Gloo resources, the gateway-proxies' Envoy statistics and gloo's xDS metrics";

  /** A route test through a gateway, from outside the cluster. */
  public static final String ROUTE = "HTTP answers of the route through the gateway-proxy's LoadBalancer address: "
      + "status 200 and the petstore's pets in the body";

  /** Which release each Gloo Edge component runs. */
  public static final String POD_IMAGES = "the image of every running Gloo Edge pod (label key gloo), read from the "
      + "cluster";

  private Observed() {
  }
}
