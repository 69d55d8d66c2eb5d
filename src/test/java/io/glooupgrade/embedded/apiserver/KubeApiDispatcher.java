package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fabric8's CRUD dispatcher with the behaviours a real Helm, client-go and kubectl need (DESIGN.md, 1-11),
 * behind authentication and RBAC as on a real API server.
 * Each behaviour is its own class; this one only routes a request through them. Anything it does
 * not understand is logged and refused with a Kubernetes Status, never answered with a guess.
 */
final class KubeApiDispatcher extends KubernetesCrudDispatcher implements HeldWatches.Writes {

  private static final Logger LOG = LoggerFactory.getLogger(KubeApiDispatcher.class);
  private static final String JSON = "application/json";

  private final ObjectMapper json = new ObjectMapper();
  private final ApiResourceTable table = new ApiResourceTable();
  private final Discovery discovery = new Discovery(table);
  private final ProtobufBodies protobuf = new ProtobufBodies();
  private final StrategicMergePatch strategicMerge = new StrategicMergePatch();
  private final ResourceDefaults defaults = new ResourceDefaults();
  private final CrdConditions crdConditions = new CrdConditions();
  private final StructuralPruning pruning = new StructuralPruning();
  private final ImmutableJobFields immutableJobFields = new ImmutableJobFields();
  private final ResponseShape responseShape = new ResponseShape(table);
  private final PodProxy podProxy = new PodProxy();
  private final PodLogs podLogs = new PodLogs();
  private final PodLogSubresource podLog = new PodLogSubresource(podLogs);
  private final ValidatingWebhooks webhooks = new ValidatingWebhooks(this::storedNamespace);
  private final ServiceAccountTokens serviceAccountTokens = new ServiceAccountTokens();
  private final Authentication authentication = new Authentication(serviceAccountTokens, this::serviceAccountExists);
  private final RbacAuthorizer authorizer = new RbacAuthorizer(new StoredRbacObjects(this::storedAt));
  private final SelfSubjectAccessReviews accessReviews = new SelfSubjectAccessReviews(authorizer);
  private final String kubernetesVersion;
  private volatile boolean namespacesNeverFinalize;

  /** Requests other than reads, counted once served: what a held watch sees changes only with them. */
  private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

  KubeApiDispatcher(String kubernetesVersion) {
    this.kubernetesVersion = kubernetesVersion;
  }

  /** Says where pods' ports listen, for the pod proxy subresource. */
  void podEndpoints(PodEndpoints endpoints) {
    podProxy.endpoints(endpoints);
  }

  /** The containers' logs the kubelet writes and the pods' log subresource serves. */
  PodLogs podLogs() {
    return podLogs;
  }

  /** The bearer tokens that authenticate ServiceAccounts. */
  ServiceAccountTokens serviceAccountTokens() {
    return serviceAccountTokens;
  }

  /** From now on, a deleted namespace stays Terminating (a fault): see {@link NamespaceTermination}. */
  void namespacesNeverFinalize(boolean never) {
    namespacesNeverFinalize = never;
  }

  /** Says where Services' ports listen, for the validating admission webhooks. */
  void serviceEndpoints(ServiceEndpoints endpoints) {
    webhooks.endpoints(endpoints);
  }

  /** The latest webhook calls that failed under failurePolicy Ignore, as the API server logs them. */
  List<String> webhookCallsFailedOpen() {
    return webhooks.failedOpen();
  }

  @Override
  public long count() {
    return writes.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      return dispatchCounted(request);
    } finally {
      if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
        writes.incrementAndGet();
      }
    }
  }

  private MockResponse dispatchCounted(RecordedRequest request) {
    try {
      return withWarnings(serve(request));
    } catch (ApiRefusal refusal) {
      if (refusal.expected()) {
        LOG.debug("embedded API refused {} {}: {}", request.getMethod(), request.getPath(), refusal.getMessage());
      } else {
        LOG.warn("embedded API refused {} {}: {}", request.getMethod(), request.getPath(), refusal.getMessage());
      }
      return toMock(refusal.toResponse());
    } catch (RuntimeException e) {
      LOG.error("embedded API failed on {} {}", request.getMethod(), request.getPath(), e);
      return toMock(ApiResponse.status(500, "InternalError", "embedded API: " + e));
    } finally {
      webhooks.takeWarnings();
    }
  }

  private MockResponse serve(RecordedRequest request) {
    String rawPath = request.getPath();
    String path = rawPath.contains("?") ? rawPath.substring(0, rawPath.indexOf('?')) : rawPath;
    HttpMethod method = request.method();
    // Who asks, and may they: before anything is read or written, as on a real API server.
    UserInfo user = Impersonation.actingAs(authentication.authenticate(request), request.getHeaders(), authorizer);
    RequestInfo asked = RequestInfo.of(request.getMethod(), rawPath);
    RbacAuthorizer.Decision decision = authorizer.authorize(user, asked);
    if (!decision.allowed()) {
      throw Forbidden.of(user, asked, decision.reason());
    }
    // The pod proxy subresource first: its paths run on past ApiPath's three segments
    // (pods/NAME:PORT/proxy/stats/prometheus), and its answers are the pod's own, not JSON to reshape.
    Optional<PodProxy.Target> proxied = PodProxy.Target.match(rawPath);
    if (proxied.isPresent()) {
      return toMock(podProxy.forward(request, proxied.get(), this::storedPod));
    }
    if (method == HttpMethod.GET) {
      Optional<ApiResponse> answer = discovery.answer(path, request.getHeader("Accept"));
      if (answer.isPresent()) {
        return toMock(answer.get());
      }
      if (path.equals("/version")) {
        return toMock(ApiResponse.json(200, versionInfo()));
      }
      if (path.equals("/healthz") || path.equals("/readyz") || path.equals("/livez")) {
        return toMock(new ApiResponse(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)));
      }
    }
    ApiPath api = ApiPath.parse(rawPath).orElseThrow(() -> new ApiRefusal(404, "NotFound",
        "the server could not find the requested resource: " + path));
    ApiResource resource = table.find(api.group(), api.version(), api.plural()).orElseThrow(() ->
        new ApiRefusal(404, "NotFound", "the server could not find the requested resource ("
            + api.groupVersion() + " " + api.plural() + ")"));
    if (SelfSubjectAccessReviews.serves(api)) {
      if (method != HttpMethod.POST) {
        throw new ApiRefusal(405, "MethodNotAllowed", "a SelfSubjectAccessReview is only created");
      }
      return toMock(accessReviews.create(user, api, body(request)));
    }
    if (method == HttpMethod.GET && PodLogSubresource.serves(api)) {
      return toMock(podLog.answer(api, this::storedPod));
    }
    if (api.subresource() != null && (!api.subresource().equals("status") || method == HttpMethod.DELETE)) {
      // Only status and a pod's log are served (proxy is routed above). Without this, the CRUD store
      // answers a GET of pods/NAME/exec, attach or portforward with a list holding the pod: a guess.
      throw new ApiRefusal(405, "MethodNotAllowed", "subresource " + api.subresource() + " is not served"
          + (method == HttpMethod.DELETE ? " for " + method : ""));
    }
    if (method == HttpMethod.GET && api.isWatch() && !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      // Behaviour 10: fabric8's mock streams watches over WebSocket only (fabric8 informers). A Go
      // client's watch (Helm waiting for its hook Jobs) gets the changes since its version, then
      // the stream ends and the client watches again: see GoWatches. A stream, not a body to reshape.
      return GoWatches.answer(api, listPath -> super.handleGet(listPath));
    }
    MockResponse response = switch (method) {
      case GET -> get(request, api);
      case POST -> create(request, api, rawPath);
      case PUT -> super.handleUpdate(withJsonBody(request, rawPath, admitUpdate(api, stored(api), body(request))));
      case PATCH -> patch(request, api);
      case DELETE -> delete(request, api, rawPath);
      default -> throw new ApiRefusal(405, "MethodNotAllowed", "method " + method + " is not served");
    };
    return responseShape.finish(method, api, resource, response);
  }

  private MockResponse create(RecordedRequest request, ApiPath api, String rawPath) {
    ObjectNode object = admit(api, body(request));
    boolean job = JobSelectors.createsJob(api);
    if (job) {
      JobSelectors.checkCreate(object);
    }
    if (NamespaceNames.createsNamespace(api)) {
      NamespaceNames.checkCreate(object);
    }
    MockResponse created = super.handleCreate(withJsonBody(request, rawPath,
        validated(api, AdmissionAttributes.CREATE, null, object)));
    if (job && created.code() == 201) {
      // The store added the generated selector after serialising its answer (see processEvent).
      String name = read(created.getBody().readUtf8()).path("metadata").path("name").asText();
      MockResponse stored = super.handleGet(api.objectPath(name));
      return created.setBody(stored.getBody().readUtf8());
    }
    return created;
  }

  private MockResponse get(RecordedRequest request, ApiPath api) {
    return super.handleGet(request.getPath());
  }

  /** Every patch type becomes a full object and is stored through the same admission as a PUT. */
  private MockResponse patch(RecordedRequest request, ApiPath api) {
    if (api.isCollection()) {
      throw new ApiRefusal(405, "MethodNotAllowed", "PATCH needs a named object");
    }
    String objectPath = api.objectPath(api.name());
    JsonNode live = stored(api);
    if (live == null) {
      throw new ApiRefusal(404, "NotFound", api.plural() + " \"" + api.name() + "\" not found").asExpected();
    }
    JsonNode patch = read(request.getBody().readUtf8());
    String contentType = String.valueOf(request.getHeader("Content-Type"));
    JsonNode patched;
    if (contentType.startsWith("application/strategic-merge-patch+json")) {
      if (!table.isBuiltIn(api.group())) {
        throw new ApiRefusal(415, "UnsupportedMediaType",
            "strategic merge patch is not supported for custom resources (" + api.plural() + ")");
      }
      patched = strategicMerge.apply(live, patch);
    } else if (contentType.startsWith("application/merge-patch+json")) {
      patched = MergePatch.apply(live, patch);
    } else if (contentType.startsWith("application/json-patch+json")) {
      patched = JsonPatch.apply(patch, live);
    } else {
      throw new ApiRefusal(415, "UnsupportedMediaType", "patch type " + contentType + " is not served");
    }
    ObjectNode full = (ObjectNode) patched;
    if (!full.path("metadata").hasNonNull("resourceVersion")) {
      full.with("metadata").set("resourceVersion", live.path("metadata").path("resourceVersion"));
    }
    String putPath = api.subresource() == null ? objectPath : objectPath + "/" + api.subresource();
    return super.handleUpdate(withJsonBody(request, putPath, admitUpdate(api, live, full)));
  }

  private MockResponse delete(RecordedRequest request, ApiPath api, String rawPath) {
    if (!api.isCollection()) {
      MockResponse existing = super.handleGet(api.objectPath(api.name()));
      if (existing.code() != 200) {
        // Deleting what is not there is an ordinary answer (Helm's before-hook-creation does it).
        throw new ApiRefusal(404, "NotFound", api.plural() + " \"" + api.name() + "\" not found").asExpected();
      }
      JsonNode live = read(existing.getBody().readUtf8());
      validated(api, AdmissionAttributes.DELETE, live, null);
      if (namespacesNeverFinalize && api.group().isEmpty() && api.plural().equals("namespaces")) {
        // A real API answers a namespace's deletion with the namespace, now Terminating.
        return super.handleUpdate(withJsonBody(request, api.objectPath(api.name()),
            NamespaceTermination.terminating(live)));
      }
    } else {
      // A collection delete is admitted object by object, as on a real API server.
      read(super.handleGet(rawPath).getBody().readUtf8()).path("items")
          .forEach(item -> validated(api, AdmissionAttributes.DELETE, item, null));
    }
    MockResponse response = super.handleDelete(rawPath);
    if (!api.isCollection() && response.code() == 200) {
      // Kubernetes answers a delete with a Success Status (or the object); client-go accepts both.
      return toMock(ApiResponse.json(200, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
          + "\"status\":\"Success\",\"details\":{\"name\":\"" + api.name() + "\",\"kind\":\"" + api.plural() + "\"}}"));
    }
    return response;
  }

  /**
   * What the API server does to an object before it is stored: defaults, CRD conditions, pruning.
   * Updates also pass {@link #admitUpdate}.
   */
  private ObjectNode admit(ApiPath api, ObjectNode object) {
    if (api.subresource() != null && !api.subresource().equals("status")) {
      throw new ApiRefusal(405, "MethodNotAllowed", "subresource " + api.subresource() + " is not served");
    }
    if (table.isBuiltIn(api.group())) {
      defaults.apply(api, object);
      if (api.plural().equals("customresourcedefinitions")) {
        crdConditions.apply(object);
      }
      if (api.plural().equals("namespaces")) {
        object.with("status").put("phase", "Active");
      }
    } else {
      JsonNode crd = table.crdFor(api.group(), api.plural()).orElseThrow(() ->
          new ApiRefusal(404, "NotFound", "no CRD serves " + api.plural() + "." + api.group()));
      pruning.prune(crd, api.version(), object);
    }
    return object;
  }

  /**
   * An update is admitted like a create, then checked against the stored object for what may not
   * change (a Job's pod template). Without a stored object the CRUD store answers 404 itself.
   */
  private ObjectNode admitUpdate(ApiPath api, JsonNode stored, ObjectNode object) {
    ObjectNode admitted = admit(api, object);
    if (stored != null) {
      immutableJobFields.check(api, stored, admitted);
    }
    return stored == null ? admitted : validated(api, AdmissionAttributes.UPDATE, stored, admitted);
  }

  /** The named object of a path as stored (subresource aside), or null when there is none. */
  private JsonNode stored(ApiPath api) {
    if (api.isCollection()) {
      return null;
    }
    MockResponse current = super.handleGet(api.objectPath(api.name()));
    return current.code() == 200 ? read(current.getBody().readUtf8()) : null;
  }

  /**
   * Validating admission webhooks see the object as it will be stored (defaulted and pruned) and the
   * one it replaces; one that refuses stops the write. Returns the object.
   */
  private ObjectNode validated(ApiPath api, String operation, JsonNode old, ObjectNode object) {
    ApiResource resource = table.find(api.group(), api.version(), api.plural()).orElseThrow(() ->
        new ApiRefusal(404, "NotFound", "the server could not find the requested resource (" + api.groupVersion()
            + " " + api.plural() + ")"));
    JsonNode metadata = (object != null ? object : old).path("metadata");
    String name = api.name() != null ? api.name() : metadata.path("name").asText("");
    String namespace = !resource.namespaced() ? null
        : api.namespace() != null ? api.namespace() : metadata.path("namespace").asText(null);
    webhooks.validate(new AdmissionAttributes(operation, resource, api.subresource(), namespace, name, object, old,
        api.query().contains("dryRun=All")));
    return object;
  }

  // Webhooks' warnings reach the client as Warning headers (kubectl prints them), as on a real API server.
  private MockResponse withWarnings(MockResponse response) {
    for (String warning : webhooks.takeWarnings()) {
      String text = warning.replaceAll("[\\p{Cntrl}&&[^\t]]", " ").replace("\\", "\\\\").replace("\"", "\\\"");
      response.addHeader("Warning", "299 - \"" + text + "\"");
    }
    return response;
  }

  /** A namespace as stored, for webhooks' namespaceSelectors, or empty when there is none. */
  private Optional<JsonNode> storedNamespace(String name) {
    MockResponse stored = super.handleGet("/api/v1/namespaces/" + name);
    return stored.code() == 200 ? Optional.of(read(stored.getBody().readUtf8())) : Optional.empty();
  }

  /** Whether the ServiceAccount a token stands for is stored (a deleted one's tokens no longer work). */
  private boolean serviceAccountExists(ServiceAccountTokens.ServiceAccount account) {
    return super.handleGet("/api/v1/namespaces/" + account.namespace() + "/serviceaccounts/" + account.name())
        .code() == 200;
  }

  /** The object or list stored at a path, read straight from the CRUD store, or empty. */
  private Optional<JsonNode> storedAt(String path) {
    MockResponse stored = super.handleGet(path);
    return stored.code() == 200 ? Optional.of(read(stored.getBody().readUtf8())) : Optional.empty();
  }

  /** A pod as stored, read straight from the CRUD store, or empty when there is none. */
  private Optional<JsonNode> storedPod(String namespace, String name) {
    MockResponse stored = super.handleGet("/api/v1/namespaces/" + namespace + "/pods/" + name);
    return stored.code() == 200 ? Optional.of(read(stored.getBody().readUtf8())) : Optional.empty();
  }

  private ObjectNode body(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    String text = ProtobufBodies.isProtobuf(contentType)
        ? protobuf.toJson(request.getBody().getBytes())
        : request.getBody().readUtf8();
    JsonNode node = read(text);
    if (!node.isObject()) {
      throw new ApiRefusal(400, "BadRequest", "the request body is not a JSON object");
    }
    return (ObjectNode) node;
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new ApiRefusal(400, "BadRequest", "the request body is not valid JSON: " + e.getMessage());
    }
  }

  private static RecordedRequest withJsonBody(RecordedRequest original, String path, ObjectNode body) {
    Headers headers = Headers.builder().add("Content-Type", JSON).build();
    HttpMethod method = original.method() == HttpMethod.POST ? HttpMethod.POST : HttpMethod.PUT;
    return new RecordedRequest(original.getHttpVersion(), method, path, headers,
        new Buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private String versionInfo() {
    String[] parts = kubernetesVersion.split("\\.");
    return json.createObjectNode().put("major", parts[0]).put("minor", parts[1])
        .put("gitVersion", "v" + kubernetesVersion).put("platform", "linux/amd64").toString();
  }

  static MockResponse toMock(ApiResponse response) {
    MockResponse mock = new MockResponse().setResponseCode(response.code()).setBody(response.body());
    return response.contentType() == null ? mock : mock.setHeader("Content-Type", response.contentType());
  }

  /**
   * Keeps the CRD table and the webhook configurations current on every write, so discovery,
   * pruning and admission see them at once.
   */
  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
      GenericKubernetesResource resource, String newState) {
    String previous = oldAttributes == null ? null : map.get(oldAttributes);
    if (oldAttributes == null && newState != null
        && ApiPath.parse(path).filter(JobSelectors::createsJob).isPresent()) {
      // A Job's selector carries its uid, which the CRUD store picks only now, while storing.
      newState = JobSelectors.generate((ObjectNode) read(newState)).toString();
      resource = Serialization.unmarshal(newState, GenericKubernetesResource.class);
    }
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    if (path.startsWith("/apis/apiextensions.k8s.io/")) {
      if (newState != null) {
        table.crdStored(read(newState));
      } else if (previous != null) {
        table.crdDeleted(read(previous).path("metadata").path("name").asText());
      }
    }
    if (path.startsWith("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations")) {
      if (newState != null) {
        webhooks.configurationStored(read(newState));
      } else if (previous != null) {
        webhooks.configurationDeleted(read(previous).path("metadata").path("name").asText());
      }
    }
  }
}
