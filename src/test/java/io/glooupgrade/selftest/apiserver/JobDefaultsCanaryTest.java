package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Canary for the Job defaults of a real API server (DESIGN.md behaviour 7, and what {@code kubectl
 * logs job/NAME} and {@code kubectl wait} need of behaviour 11).
 * <ul>
 *   <li>{@link #aJobWithoutSelectorSelectsItsPodsByItsOwnUid()}: on create, {@code spec.selector} is
 *       {@code batch.kubernetes.io/controller-uid: <the stored uid>}, the pod template gets the four
 *       controller-uid and job-name labels, backoffLimit 6, completions and parallelism 1; the answer
 *       to the create is the stored Job, and the Job's own labels are left alone.</li>
 *   <li>{@link #watchersNeverSeeTheJobWithoutItsSelector()}: the first event an informer gets already
 *       carries the selector (the uid is set while storing, not by a second write).</li>
 *   <li>{@link #aJobWithoutLabelsTakesItsTemplatesLabels()}: as SetDefaults_Job does.</li>
 *   <li>{@link #aManualSelectorIsKeptAndAnOwnSelectorWithoutItIsRefused()}: {@code manualSelector: true}
 *       keeps the user's selector; a selector without it is 422 Invalid, as on a real API server.</li>
 *   <li>{@link #helmsLaterPatchesThatLeaveTheTemplateAloneAreAccepted()}: Helm's strategic merge patch of
 *       the Job's labels and a read-modify-write PUT keep the generated selector and labels, and
 *       {@code ImmutableJobFields} accepts them; a parallel Job keeps completions unset.</li>
 * </ul>
 */
class JobDefaultsCanaryTest extends EmbeddedApiCanary {

  private static final String JOBS = "/apis/batch/v1/namespaces/" + Manifests.NAMESPACE + "/jobs";

  @Test
  void aJobWithoutSelectorSelectsItsPodsByItsOwnUid() {
    ApiClients.Reply created = clients.sendJson("POST", JOBS, ApiClients.JSON, job("gloo-resource-cleanup", true));
    assertEquals(201, created.code(), created.text());
    JsonNode stored = clients.get(JOBS + "/gloo-resource-cleanup").json();
    assertEquals(stored, created.json(), "the create is answered with the Job as stored");

    String uid = stored.at("/metadata/uid").asText();
    assertFalse(uid.isEmpty());
    assertEquals(ApiClients.parse("{\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"" + uid + "\"}}"),
        stored.at("/spec/selector"));
    JsonNode labels = stored.at("/spec/template/metadata/labels");
    assertEquals(uid, labels.path("batch.kubernetes.io/controller-uid").asText());
    assertEquals(uid, labels.path("controller-uid").asText());
    assertEquals("gloo-resource-cleanup", labels.path("batch.kubernetes.io/job-name").asText());
    assertEquals("gloo-resource-cleanup", labels.path("job-name").asText());
    assertEquals("gloo-resource-cleanup", labels.path("gloo").asText(), "the chart's own labels stay");
    assertEquals(6, stored.at("/spec/backoffLimit").asInt());
    assertEquals(1, stored.at("/spec/completions").asInt());
    assertEquals(1, stored.at("/spec/parallelism").asInt());
    assertEquals(ApiClients.parse("{\"app\":\"gloo\"}"), stored.at("/metadata/labels"),
        "a Job with labels of its own keeps just those");
  }

  @Test
  void watchersNeverSeeTheJobWithoutItsSelector() throws Exception {
    CompletableFuture<Job> firstSeen = new CompletableFuture<>();
    try (KubernetesClient fabric8 = clients.fabric8()) {
      SharedIndexInformer<Job> informer = fabric8.batch().v1().jobs().inNamespace(Manifests.NAMESPACE)
          .inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
              firstSeen.complete(job);
            }

            @Override
            public void onUpdate(Job before, Job after) {
              firstSeen.complete(after);
            }

            @Override
            public void onDelete(Job job, boolean unknown) {
            }
          });
      try {
        assertEquals(201, clients.sendJson("POST", JOBS, ApiClients.JSON, job("gloo-resource-migration", true))
            .code());
        Job job = firstSeen.get(10, TimeUnit.SECONDS);
        assertEquals(Map.of("batch.kubernetes.io/controller-uid", job.getMetadata().getUid()),
            job.getSpec().getSelector().getMatchLabels());
      } finally {
        informer.close();
      }
    }
  }

  @Test
  void aJobWithoutLabelsTakesItsTemplatesLabels() {
    ApiClients.Reply created = clients.sendJson("POST", JOBS, ApiClients.JSON, job("unlabelled", false));
    assertEquals(201, created.code(), created.text());
    JsonNode job = created.json();
    assertEquals(job.at("/spec/template/metadata/labels"), job.at("/metadata/labels"));
    assertEquals(job.at("/metadata/uid").asText(), job.at("/metadata/labels/batch.kubernetes.io~1controller-uid")
        .asText());
  }

  @Test
  void aManualSelectorIsKeptAndAnOwnSelectorWithoutItIsRefused() {
    String manual = job("manual", true).replace("\"spec\":{", "\"spec\":{\"manualSelector\":true,"
        + "\"selector\":{\"matchLabels\":{\"gloo\":\"manual\"}},");
    ApiClients.Reply created = clients.sendJson("POST", JOBS, ApiClients.JSON, manual);
    assertEquals(201, created.code(), created.text());
    assertEquals(ApiClients.parse("{\"matchLabels\":{\"gloo\":\"manual\"}}"), created.json().at("/spec/selector"));
    assertFalse(created.json().at("/spec/template/metadata/labels").has("controller-uid"));

    String own = job("own", true).replace("\"spec\":{", "\"spec\":{\"selector\":{\"matchLabels\":{\"gloo\":\"own\"}},");
    ApiClients.Reply refused = clients.sendJson("POST", JOBS, ApiClients.JSON, own);
    assertEquals(422, refused.code(), refused.text());
    assertEquals("Invalid", refused.json().path("reason").asText());
    String message = refused.json().path("message").asText();
    assertTrue(message.startsWith("Job.batch \"own\" is invalid: spec.selector: Invalid value: "), message);
    assertTrue(message.endsWith(": `selector` not auto-generated"), message);
    assertEquals(404, clients.get(JOBS + "/own").code());
  }

  @Test
  void helmsLaterPatchesThatLeaveTheTemplateAloneAreAccepted() {
    assertEquals(201, clients.sendJson("POST", JOBS, ApiClients.JSON, job("gateway-certgen", true)).code());
    JsonNode before = clients.get(JOBS + "/gateway-certgen").json();

    // What Helm's three-way patch sends when only the chart's Job labels changed.
    ApiClients.Reply patched = clients.sendJson("PATCH", JOBS + "/gateway-certgen?fieldManager=helm",
        ApiClients.STRATEGIC_MERGE_PATCH, "{\"metadata\":{\"labels\":{\"app.kubernetes.io/version\":\"1.19.20\"}}}");
    assertEquals(200, patched.code(), patched.text());
    try (KubernetesClient fabric8 = clients.fabric8()) {
      fabric8.batch().v1().jobs().inNamespace(Manifests.NAMESPACE).withName("gateway-certgen").edit(job -> {
        job.getSpec().setTtlSecondsAfterFinished(300);
        return job;
      });
    }
    JsonNode after = clients.get(JOBS + "/gateway-certgen").json();
    assertEquals("1.19.20", after.at("/metadata/labels/app.kubernetes.io~1version").asText());
    assertEquals(300, after.at("/spec/ttlSecondsAfterFinished").asInt());
    assertEquals(before.at("/spec/selector"), after.at("/spec/selector"));
    assertEquals(before.at("/spec/template"), after.at("/spec/template"));

    String parallel = job("parallel", true).replace("\"spec\":{", "\"spec\":{\"parallelism\":3,");
    JsonNode workQueue = clients.sendJson("POST", JOBS, ApiClients.JSON, parallel).json();
    assertTrue(workQueue.at("/spec/completions").isMissingNode(),
        "with parallelism set, completions stays unset (a work queue): " + workQueue);
  }

  /** A hook Job of the Gloo chart, cut down; with or without labels on the Job itself. */
  static String job(String name, boolean labelled) {
    return """
        {"apiVersion":"batch/v1","kind":"Job",
         "metadata":{"name":"%1$s","namespace":"%2$s"%3$s},
         "spec":{"ttlSecondsAfterFinished":60,"template":{
          "metadata":{"labels":{"gloo":"%1$s","sidecar.istio.io/inject":"false"}},
          "spec":{"serviceAccountName":"%1$s","restartPolicy":"OnFailure",
           "containers":[{"name":"kubectl","image":"quay.io/solo-io/kubectl:1.17.0",
            "command":["/bin/sh","-c","kubectl get crd upstreams.gloo.solo.io"]}]}}}}
        """.formatted(name, Manifests.NAMESPACE, labelled ? ",\"labels\":{\"app\":\"gloo\"}" : "");
  }
}
