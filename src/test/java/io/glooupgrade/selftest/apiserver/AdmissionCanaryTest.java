package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Canary for DESIGN.md, "The embedded cluster", behaviours 7, 8 and 9: what the API does to an object
 * before it stores it, seen through fabric8 and plain HTTP. (HelmCanaryTest covers 8 and 9 with a
 * chart that installs a CRD and a custom resource.)
 * <ul>
 *   <li>{@link #defaultsTheFieldsGoDereferences()} guards 7: Deployment replicas, Job
 *       backoffLimit/completions/parallelism, Service type and clusterIP; explicit values are kept.</li>
 *   <li>{@link #crdsAreEstablishedAtOnce()} guards 8: Established and NamesAccepted True, acceptedNames
 *       and storedVersions, on create and after an update.</li>
 *   <li>{@link #customResourcesLoseFieldsTheirSchemaDoesNotDeclare()} guards 9: structural pruning on
 *       create, merge patch and replace, honouring {@code x-kubernetes-preserve-unknown-fields}.</li>
 * </ul>
 */
class AdmissionCanaryTest extends EmbeddedApiCanary {


  @Test
  void defaultsTheFieldsGoDereferences() {
    try (KubernetesClient fabric8 = clients.fabric8()) {
      var deployments = fabric8.apps().deployments().inNamespace(Manifests.NAMESPACE);
      deployments.resource(deployment("gateway-proxy", null)).create();
      deployments.resource(deployment("gloo", 3)).create();
      assertEquals(1, deployments.withName("gateway-proxy").get().getSpec().getReplicas());
      assertEquals(3, deployments.withName("gloo").get().getSpec().getReplicas(), "an explicit value is kept");

      var jobs = fabric8.batch().v1().jobs().inNamespace(Manifests.NAMESPACE);
      jobs.resource(job("gloo-resource-rollout", null)).create();
      jobs.resource(job("gloo-resource-cleanup", 0)).create();
      Job rollout = jobs.withName("gloo-resource-rollout").get();
      assertEquals(6, rollout.getSpec().getBackoffLimit());
      assertEquals(1, rollout.getSpec().getCompletions());
      assertEquals(1, rollout.getSpec().getParallelism());
      assertEquals(0, jobs.withName("gloo-resource-cleanup").get().getSpec().getBackoffLimit(),
          "an explicit 0 is kept");

      var services = fabric8.services().inNamespace(Manifests.NAMESPACE);
      services.resource(service("gloo", null)).create();
      services.resource(service("gateway-proxy", null)).create();
      services.resource(service("gloo-headless", "None")).create();
      Service gloo = services.withName("gloo").get();
      Service proxy = services.withName("gateway-proxy").get();
      assertEquals("ClusterIP", gloo.getSpec().getType());
      assertTrue(gloo.getSpec().getClusterIP().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), gloo.getSpec().getClusterIP());
      assertEquals(List.of(gloo.getSpec().getClusterIP()), gloo.getSpec().getClusterIPs());
      assertNotEquals(gloo.getSpec().getClusterIP(), proxy.getSpec().getClusterIP(), "each Service its own IP");
      assertEquals("None", services.withName("gloo-headless").get().getSpec().getClusterIP(),
          "a headless Service stays headless");
    }
  }

  @Test
  void crdsAreEstablishedAtOnce() {
    try (KubernetesClient fabric8 = clients.fabric8()) {
      var crds = fabric8.apiextensions().v1().customResourceDefinitions();
      CustomResourceDefinition created = crds.resource(fabric8.getKubernetesSerialization()
          .unmarshal(Manifests.virtualServiceCrd(), CustomResourceDefinition.class)).create();
      assertAccepted(created);
      assertAccepted(crds.withName(Manifests.VS_CRD_NAME).get());

      CustomResourceDefinition updated = crds.withName(Manifests.VS_CRD_NAME)
          .edit(crd -> {
            crd.getMetadata().setLabels(Map.of("app", "gloo"));
            return crd;
          });
      assertEquals("gloo", updated.getMetadata().getLabels().get("app"));
      assertAccepted(crds.withName(Manifests.VS_CRD_NAME).get());
    }
  }

  @Test
  void customResourcesLoseFieldsTheirSchemaDoesNotDeclare() {
    try (KubernetesClient fabric8 = clients.fabric8()) {
      fabric8.apiextensions().v1().customResourceDefinitions().resource(fabric8.getKubernetesSerialization()
          .unmarshal(Manifests.virtualServiceCrd(), CustomResourceDefinition.class)).create();

      var virtualServices = fabric8.genericKubernetesResources("gateway.solo.io/v1", "VirtualService")
          .inNamespace(Manifests.NAMESPACE);
      GenericKubernetesResource created = virtualServices.resource(fabric8.getKubernetesSerialization()
          .unmarshal(Manifests.virtualServiceWithNewerFields("petstore"), GenericKubernetesResource.class)).create();
      assertFalse(created.getAdditionalProperties().containsKey("topLevelField"), "answer is pruned too");

      JsonNode stored = storedPetstore();
      assertEquals("petstore", stored.path("metadata").path("labels").path("team").asText(), "metadata is kept");
      assertFalse(stored.has("topLevelField"), stored.toString());
      assertFalse(stored.path("spec").has("specField"), stored.toString());
      JsonNode host = stored.path("spec").path("virtualHost");
      assertFalse(host.has("hostField"), stored.toString());
      assertEquals("*", host.path("domains").get(0).asText(), "declared fields are kept");
      JsonNode route = host.path("routes").get(0);
      assertFalse(route.has("routeField"), "fields of array items are pruned: " + route);
      assertEquals(ApiClients.parse("{\"retryOn\":\"5xx\",\"numRetries\":3}"), route.path("options").path("retries"),
          "retryBackOff is unknown to this CRD");
      assertEquals(ApiClients.parse("[{\"prefix\":\"/\",\"headers\":[{\"name\":\"x-canary\"}]}]"),
          route.path("matchers"), "x-kubernetes-preserve-unknown-fields keeps everything below it");

      virtualServices.withName("petstore").patch(PatchContext.of(PatchType.JSON_MERGE),
          "{\"spec\":{\"virtualHost\":{\"domains\":[\"petstore.example.com\"],\"hostField\":\"again\"}}}");
      JsonNode merged = storedPetstore();
      assertEquals("petstore.example.com", merged.path("spec").path("virtualHost").path("domains").get(0).asText());
      assertFalse(merged.path("spec").path("virtualHost").has("hostField"), "merge patches are pruned: " + merged);

      GenericKubernetesResource replacement = virtualServices.withName("petstore").get();
      replacement.setAdditionalProperty("topLevelField", "again");
      virtualServices.resource(replacement).update();
      assertFalse(storedPetstore().has("topLevelField"), "replacements are pruned");
    }
  }

  private JsonNode storedPetstore() {
    ApiClients.Reply reply = clients.get(Manifests.VS_COLLECTION + "/petstore");
    assertEquals(200, reply.code(), reply.text());
    return reply.json();
  }

  private static void assertAccepted(CustomResourceDefinition crd) {
    assertNotNull(crd.getStatus(), "a CRD has a status at once");
    Map<String, CustomResourceDefinitionCondition> conditions = crd.getStatus().getConditions().stream()
        .collect(Collectors.toMap(CustomResourceDefinitionCondition::getType, Function.identity()));
    assertEquals("True", conditions.get("Established") == null ? null : conditions.get("Established").getStatus(),
        "Established: " + conditions);
    assertEquals("True", conditions.get("NamesAccepted") == null ? null : conditions.get("NamesAccepted").getStatus(),
        "NamesAccepted: " + conditions);
    assertEquals("VirtualService", crd.getStatus().getAcceptedNames().getKind());
    assertEquals("virtualservices", crd.getStatus().getAcceptedNames().getPlural());
    assertEquals(List.of("v1"), crd.getStatus().getStoredVersions());
  }

  private static Deployment deployment(String name, Integer replicas) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(Manifests.NAMESPACE).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("gloo", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("gloo", name).endMetadata()
        .withNewSpec().addNewContainer().withName(name).withImage("quay.io/solo-io/" + name + ":1.17.0").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  private static Job job(String name, Integer backoffLimit) {
    return new JobBuilder().withNewMetadata().withName(name).withNamespace(Manifests.NAMESPACE).endMetadata()
        .withNewSpec().withBackoffLimit(backoffLimit)
        .withNewTemplate().withNewSpec().withRestartPolicy("OnFailure")
        .addNewContainer().withName(name).withImage("quay.io/solo-io/kubectl:1.17.0").endContainer()
        .endSpec().endTemplate().endSpec().build();
  }

  private static Service service(String name, String clusterIp) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(Manifests.NAMESPACE).endMetadata()
        .withNewSpec().withClusterIP(clusterIp).addToSelector("gloo", name)
        .addNewPort().withName("http").withPort(8080).endPort().endSpec().build();
  }
}
