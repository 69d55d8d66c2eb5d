package io.glooupgrade.embedded.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * One embedded Kubernetes API: fabric8's mock server in CRUD mode, on a loopback port, with the
 * behaviours real Helm, client-go and kubectl need, authentication and RBAC among them. It starts
 * in milliseconds, so every scenario can have fresh clusters.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  /**
   * The bearer token of the kubeconfig an embedded cluster hands out (the harness's and Helm's):
   * it stands for the cluster's administrator, as does a request without any token.
   */
  public static final String ADMIN_TOKEN = "embedded-cluster-has-no-authentication";

  /** The mock web server logs every request at INFO through java.util.logging: keep that quiet. */
  private static final java.util.logging.Logger REQUEST_LOG = quiet();

  private final KubernetesMockServer server;
  private final KubeApiDispatcher dispatcher;
  private final FaultInjectingWebServer web;
  private final String kubernetesVersion;
  private SecurePort securePort;
  private LoopbackCertificates certificates;

  private EmbeddedApiServer(String kubernetesVersion) {
    this.kubernetesVersion = kubernetesVersion;
    this.dispatcher = new KubeApiDispatcher(kubernetesVersion);
    this.web = new FaultInjectingWebServer(dispatcher);
    this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), web,
        new HashMap<>(), dispatcher, false);
  }

  /** Starts an API that reports the given Kubernetes version (for example "1.31.4"). */
  public static EmbeddedApiServer start(String kubernetesVersion) {
    EmbeddedApiServer api = new EmbeddedApiServer(kubernetesVersion);
    api.server.init(InetAddress.getLoopbackAddress(), 0);
    return api;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /**
   * The same API over HTTPS ({@code https://127.0.0.1:PORT}), for clients that authenticate: a
   * real kubectl sends its bearer token (a pod's ServiceAccount token) only to an HTTPS server. The
   * serving certificate is for 127.0.0.1, localhost and kubernetes.default.svc, signed by
   * {@link #certificateAuthority()}. Opened on first use.
   */
  public synchronized String secureUrl() {
    if (securePort == null) {
      securePort = SecurePort.open(server.getPort(), certificates());
    }
    return "https://127.0.0.1:" + securePort.port();
  }

  /** The PEM certificate of the CA that signed the HTTPS port's certificate: a pod's {@code ca.crt}. */
  public String certificateAuthority() {
    return certificates().caPem();
  }

  // Made on first use: most servers are never asked for HTTPS.
  private synchronized LoopbackCertificates certificates() {
    if (certificates == null) {
      certificates = LoopbackCertificates.create();
    }
    return certificates;
  }

  public String kubernetesVersion() {
    return kubernetesVersion;
  }

  /**
   * Says where pods' ports listen, for the pod proxy subresource
   * ({@code /api/v1/namespaces/NS/pods/NAME:PORT/proxy/PATH}). Until set, {@link PodEndpoints#NONE}:
   * every proxied request is answered 503, as for a pod with nothing listening. Replaces any
   * earlier value; takes effect for the next request.
   */
  public void podEndpoints(PodEndpoints endpoints) {
    dispatcher.podEndpoints(endpoints);
  }

  /**
   * Says where Services' ports listen, for the validating admission webhooks the API calls
   * ({@code clientConfig.service} of a ValidatingWebhookConfiguration). Until set,
   * {@link ServiceEndpoints#NONE}: every webhook is unreachable, and its failurePolicy decides
   * (Ignore: the write goes on; Fail: it is refused). Replaces any earlier value; takes effect for
   * the next request.
   */
  public void serviceEndpoints(ServiceEndpoints endpoints) {
    dispatcher.serviceEndpoints(endpoints);
  }

  /**
   * Where the kubelet writes what pods' containers print, and what {@code GET .../pods/NAME/log}
   * ({@code kubectl logs}) answers with.
   */
  public PodLogs podLogs() {
    return dispatcher.podLogs();
  }

  /**
   * The bearer tokens that authenticate ServiceAccounts: a request carrying one acts as that
   * ServiceAccount and may do what the Roles and ClusterRoles bound to it in this API allow. A
   * request without a token, or with {@link #ADMIN_TOKEN}, acts as the cluster's administrator; any
   * other token is 401 Unauthorized.
   */
  public ServiceAccountTokens serviceAccountTokens() {
    return dispatcher.serviceAccountTokens();
  }

  /**
   * The latest admission webhook calls that failed and were skipped under
   * {@code failurePolicy: Ignore} (at most 100, oldest first), each as kube-apiserver logs it:
   * {@code Failed calling webhook, failing open NAME: failed calling webhook "NAME": failed to call
   * webhook: Post "https://...": ...}. The real API server only logs these; a self-test reads them
   * here to see why a write went through unvalidated.
   */
  public List<String> webhookCallsFailedOpen() {
    return dispatcher.webhookCallsFailedOpen();
  }

  /**
   * Switches transient failures on for the requests of the harness's clients (and Helm's, if the
   * faults say so), or off with {@link ApiFaults#none()}; takes effect for the next request.
   */
  public void apiFaults(ApiFaults faults) {
    web.faults(faults);
  }

  /**
   * Whether a deleted namespace stays Terminating, as when a finalizer in it is never removed (a
   * fault; off by default); takes effect for the next request.
   */
  public void namespacesNeverFinalize(boolean never) {
    dispatcher.namespacesNeverFinalize(never);
  }

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(MockWebServer.class.getName());
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (securePort != null) {
        securePort.close();
      }
    }
    server.destroy();
  }
}
