package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canary for a real API rule the embedded API keeps: a Job's {@code spec.template},
 * {@code spec.selector} and {@code spec.completions} are immutable (what makes a completed
 * gateway-certgen Job fail the next upgrade, upgrade-steps.md Step 5).
 * <ul>
 *   <li>{@link #helmsPatchOfTheTemplateIsRefusedAsImmutable()}: Helm's strategic merge patch of the
 *       image is refused with 422 Invalid and the Kubernetes message and causes; the Job is unchanged.</li>
 *   <li>{@link #replacingTheTemplateOrCompletionsIsRefusedButMetadataAndStatusMayChange()}: a PUT that
 *       changes them is refused; labels, a status patch (as the Job controller writes it) and a
 *       status PUT carrying another template are stored, the latter without touching the spec.</li>
 *   <li>{@link #deletingTheJobAndCreatingItAgainTakesTheNewTemplate()}: the documented fix.</li>
 * </ul>
 */
class ImmutableJobCanaryTest extends EmbeddedApiCanary {

  private static final String JOBS = "/apis/batch/v1/namespaces/" + Manifests.NAMESPACE + "/jobs";
  private static final String CERTGEN = JOBS + "/gateway-certgen";

  @BeforeEach
  void createCompletedCertgenJob() {
    ApiClients.Reply created = clients.sendJson("POST", JOBS, ApiClients.JSON, certgenJob("1.18.41"));
    assertEquals(201, created.code(), created.text());
  }

  @Test
  void helmsPatchOfTheTemplateIsRefusedAsImmutable() {
    String patch = """
        {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"certgen"}],
          "containers":[{"name":"certgen","image":"quay.io/solo-io/certgen:1.19.20"}]}}}}
        """;
    ApiClients.Reply refused = clients.sendJson("PATCH", CERTGEN + "?fieldManager=helm",
        ApiClients.STRATEGIC_MERGE_PATCH, patch);

    assertEquals(422, refused.code(), refused.text());
    JsonNode status = refused.json();
    assertEquals("Invalid", status.path("reason").asText());
    String message = status.path("message").asText();
    assertTrue(message.startsWith("Job.batch \"gateway-certgen\" is invalid: spec.template: Invalid value: "
        + "core.PodTemplateSpec{"), message);
    assertTrue(message.contains("Image:\"quay.io/solo-io/certgen:1.19.20\""), message);
    assertTrue(message.endsWith(": field is immutable"), message);
    assertEquals(ApiClients.parse("{\"name\":\"gateway-certgen\",\"group\":\"batch\",\"kind\":\"Job\"}"),
        ((ObjectNode) status.path("details").deepCopy()).without("causes"));
    JsonNode cause = status.path("details").path("causes").get(0);
    assertEquals("FieldValueInvalid", cause.path("reason").asText());
    assertEquals("spec.template", cause.path("field").asText());
    assertEquals("quay.io/solo-io/certgen:1.18.41", image(clients.get(CERTGEN).json()), "the Job is unchanged");
  }

  @Test
  void replacingTheTemplateOrCompletionsIsRefusedButMetadataAndStatusMayChange() {
    try (KubernetesClient fabric8 = clients.fabric8()) {
      var certgen = fabric8.batch().v1().jobs().inNamespace(Manifests.NAMESPACE).withName("gateway-certgen");
      KubernetesClientException refused = assertThrows(KubernetesClientException.class, () -> certgen.edit(job -> {
        job.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("quay.io/solo-io/certgen:1.19.20");
        return job;
      }));
      assertEquals(422, refused.getCode());
      assertEquals("Invalid", refused.getStatus().getReason());
      KubernetesClientException completions = assertThrows(KubernetesClientException.class, () -> certgen.edit(job -> {
        job.getSpec().setCompletions(2);
        return job;
      }));
      assertTrue(completions.getStatus().getMessage().endsWith(
          "is invalid: spec.completions: Invalid value: 2: field is immutable"), completions.getStatus().getMessage());

      certgen.edit(job -> {
        job.getMetadata().getLabels().put("app.kubernetes.io/version", "1.19.20");
        return job;
      });
      Job completed = certgen.get();
      completed.setStatus(new JobStatus());
      completed.getStatus().setSucceeded(1);
      completed.getStatus().setConditions(List.of(new JobConditionBuilder().withType("Complete").withStatus("True")
          .build()));
      completed.getMetadata().setResourceVersion(null);
      fabric8.batch().v1().jobs().inNamespace(Manifests.NAMESPACE).resource(completed).patchStatus();

      Job statusPut = certgen.get();
      statusPut.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("quay.io/solo-io/certgen:1.19.20");
      statusPut.getStatus().setSucceeded(2);
      fabric8.batch().v1().jobs().inNamespace(Manifests.NAMESPACE).resource(statusPut).updateStatus();

      Job stored = certgen.get();
      assertEquals("1.19.20", stored.getMetadata().getLabels().get("app.kubernetes.io/version"));
      assertEquals(2, stored.getStatus().getSucceeded(), "status writes are stored");
      assertEquals("quay.io/solo-io/certgen:1.18.41",
          stored.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
          "the status subresource keeps the stored spec");
    }
  }

  @Test
  void deletingTheJobAndCreatingItAgainTakesTheNewTemplate() {
    assertEquals(200, clients.sendJson("DELETE", CERTGEN, ApiClients.JSON, "{}").code());
    ApiClients.Reply created = clients.sendJson("POST", JOBS, ApiClients.JSON, certgenJob("1.19.20"));
    assertEquals(201, created.code(), created.text());
    assertEquals("quay.io/solo-io/certgen:1.19.20", image(clients.get(CERTGEN).json()));
  }

  private static String image(JsonNode job) {
    return job.at("/spec/template/spec/containers/0/image").asText();
  }

  /** The chart's gateway-certgen Job, cut down. */
  private static String certgenJob(String version) {
    return """
        {"apiVersion":"batch/v1","kind":"Job",
         "metadata":{"name":"gateway-certgen","namespace":"%s","labels":{"app":"gloo","gloo":"gateway-certgen"}},
         "spec":{"ttlSecondsAfterFinished":60,"template":{
          "metadata":{"labels":{"gloo":"gateway-certgen","sidecar.istio.io/inject":"false"}},
          "spec":{"serviceAccountName":"certgen","restartPolicy":"OnFailure",
           "containers":[{"name":"certgen","image":"quay.io/solo-io/certgen:%s",
            "args":["--secret-name=gateway-validation-certs","--svc-name=gloo"]}]}}}}
        """.formatted(Manifests.NAMESPACE, version);
  }
}
