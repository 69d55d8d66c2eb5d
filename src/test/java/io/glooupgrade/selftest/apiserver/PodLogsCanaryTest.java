package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import io.glooupgrade.embedded.apiserver.PodLogs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary for DESIGN.md behaviour 11, {@code kubectl logs}: the pods' {@code log} subresource served
 * from {@link EmbeddedApiServer#podLogs()}.
 * <ul>
 *   <li>{@link #whatTheKubeletWroteIsServedAsPlainText()}: write replaces, append adds, tailLines and
 *       limitBytes cut, forget drops; the answer is text/plain.</li>
 *   <li>{@link #failuresAreWordedAsTheRealApiServerWordsThem()}: 404 for a pod not stored, 400 for a pod of
 *       several containers asked without one, for an unknown container, for a container that has not
 *       started ("waiting to start: ContainerCreating", or its status's reason), for previous; 422 for a
 *       negative tailLines; follow is refused, not half-served; writes to log stay 405.</li>
 *   <li>{@link #realKubectlReadsThePodsAndTheJobsLogs()}: the real kubectl's {@code logs POD},
 *       {@code logs POD -c C --tail=1} and {@code logs job/NAME} (through the Job's generated selector),
 *       and its error for a container that has not started.</li>
 * </ul>
 */
class PodLogsCanaryTest extends EmbeddedApiCanary {

  private static final String PODS = "/api/v1/namespaces/" + Manifests.NAMESPACE + "/pods";

  @Test
  void whatTheKubeletWroteIsServedAsPlainText() {
    createPod("certgen-x7k2p", "{}", "certgen");
    PodLogs logs = api.podLogs();
    logs.write(Manifests.NAMESPACE, "certgen-x7k2p", "certgen", "creating a new certificate\n");
    logs.append(Manifests.NAMESPACE, "certgen-x7k2p", "certgen", "patched caBundle\nexiting\n");

    ApiClients.Reply log = clients.get(PODS + "/certgen-x7k2p/log", "*/*");
    assertEquals(200, log.code(), log.text());
    assertEquals("text/plain", log.contentType());
    assertEquals("creating a new certificate\npatched caBundle\nexiting\n", log.text());
    assertEquals("patched caBundle\nexiting\n", clients.get(PODS + "/certgen-x7k2p/log?tailLines=2", "*/*").text());
    assertEquals("", clients.get(PODS + "/certgen-x7k2p/log?tailLines=0", "*/*").text());
    assertEquals("creating", clients.get(PODS + "/certgen-x7k2p/log?limitBytes=8", "*/*").text());
    assertEquals("creating a new certificate\npatched caBundle\nexiting\n",
        clients.get(PODS + "/certgen-x7k2p/log?container=certgen&tailLines=10", "*/*").text());

    logs.write(Manifests.NAMESPACE, "certgen-x7k2p", "certgen", "");
    ApiClients.Reply empty = clients.get(PODS + "/certgen-x7k2p/log", "*/*");
    assertEquals(200, empty.code(), "a container that wrote nothing has an empty log: " + empty.text());
    assertEquals("", empty.text());

    logs.forget(Manifests.NAMESPACE, "certgen-x7k2p");
    assertEquals(400, clients.get(PODS + "/certgen-x7k2p/log", "*/*").code(), "forgotten: not started");
  }

  @Test
  void failuresAreWordedAsTheRealApiServerWordsThem() {
    assertStatus(clients.get(PODS + "/gone/log", "*/*"), 404, "NotFound", "pods \"gone\" not found");

    createPod("gloo-5d8f", "{}", "gloo", "sds");
    assertStatus(clients.get(PODS + "/gloo-5d8f/log", "*/*"), 400, "BadRequest",
        "a container name must be specified for pod gloo-5d8f, choose one of: [gloo sds]");
    assertStatus(clients.get(PODS + "/gloo-5d8f/log?container=envoy", "*/*"), 400, "BadRequest",
        "container envoy is not valid for pod gloo-5d8f");
    assertStatus(clients.get(PODS + "/gloo-5d8f/log?container=sds", "*/*"), 400, "BadRequest",
        "container \"sds\" in pod \"gloo-5d8f\" is waiting to start: ContainerCreating");
    createPod("crashing", "{\"containerStatuses\":[{\"name\":\"gloo\",\"state\":{\"waiting\":"
        + "{\"reason\":\"ImagePullBackOff\"}}}]}", "gloo");
    assertStatus(clients.get(PODS + "/crashing/log", "*/*"), 400, "BadRequest",
        "container \"gloo\" in pod \"crashing\" is waiting to start: ImagePullBackOff");

    api.podLogs().write(Manifests.NAMESPACE, "gloo-5d8f", "gloo", "started\n");
    assertEquals("started\n", clients.get(PODS + "/gloo-5d8f/log?container=gloo", "*/*").text());
    assertStatus(clients.get(PODS + "/gloo-5d8f/log?container=gloo&previous=true", "*/*"), 400, "BadRequest",
        "previous terminated container \"gloo\" in pod \"gloo-5d8f\" not found");
    assertStatus(clients.get(PODS + "/gloo-5d8f/log?container=gloo&tailLines=-1", "*/*"), 422, "Invalid",
        "PodLogOptions \"gloo-5d8f\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0");
    ApiClients.Reply follow = clients.get(PODS + "/gloo-5d8f/log?container=gloo&follow=true", "*/*");
    assertEquals(400, follow.code(), "follow is refused, not answered as if the stream had ended: " + follow.text());
    assertEquals(405, clients.sendJson("POST", PODS + "/gloo-5d8f/log", ApiClients.JSON, "{}").code());
  }

  @Test
  void realKubectlReadsThePodsAndTheJobsLogs(@TempDir Path work) {
    Kubectl kubectl = Kubectl.against(api, EmbeddedApiServer.ADMIN_TOKEN, work);
    createPod("gloo-5d8f", "{}", "gloo", "sds");
    api.podLogs().write(Manifests.NAMESPACE, "gloo-5d8f", "gloo", "gloo started\nxds listening\n");
    api.podLogs().write(Manifests.NAMESPACE, "gloo-5d8f", "sds", "sds started\n");

    Kubectl.Result first = kubectl.run("logs", "gloo-5d8f", "-n", Manifests.NAMESPACE);
    assertEquals(0, first.exitCode(), first.toString());
    assertEquals("gloo started\nxds listening\n", first.stdout(), "kubectl defaults to the first container");
    Kubectl.Result sds = kubectl.run("logs", "gloo-5d8f", "-n", Manifests.NAMESPACE, "-c", "sds");
    assertEquals("sds started\n", sds.stdout(), sds.toString());
    Kubectl.Result tail = kubectl.run("logs", "gloo-5d8f", "-n", Manifests.NAMESPACE, "--tail=1");
    assertEquals("xds listening\n", tail.stdout(), tail.toString());

    String jobs = "/apis/batch/v1/namespaces/" + Manifests.NAMESPACE + "/jobs";
    ApiClients.Reply created = clients.sendJson("POST", jobs, ApiClients.JSON,
        JobDefaultsCanaryTest.job("gloo-resource-migration", true));
    assertEquals(201, created.code(), created.text());
    JsonNode job = created.json();
    // The pod the Job controller would create: the template's labels, owned by the Job.
    String pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"gloo-resource-migration-b7xq2","namespace":"%s",
          "labels":%s,"ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"gloo-resource-migration",
          "uid":"%s","controller":true}]},
         "spec":{"containers":[{"name":"kubectl","image":"quay.io/solo-io/kubectl:1.17.0"}]}}
        """.formatted(Manifests.NAMESPACE, job.at("/spec/template/metadata/labels"), job.at("/metadata/uid").asText());
    assertEquals(201, clients.sendJson("POST", PODS, ApiClients.JSON, pod).code());
    Kubectl.Result waiting = kubectl.run("logs", "job/gloo-resource-migration", "-n", Manifests.NAMESPACE);
    assertNotEquals(0, waiting.exitCode(), waiting.toString());
    assertTrue(waiting.stderr().contains("container \"kubectl\" in pod \"gloo-resource-migration-b7xq2\" is waiting "
        + "to start: ContainerCreating"), waiting.toString());

    api.podLogs().write(Manifests.NAMESPACE, "gloo-resource-migration-b7xq2", "kubectl",
        "Could not find Upstream CRD. Gloo Edge may not be installed yet. Skipping migration job.\n");
    Kubectl.Result jobLog = kubectl.run("logs", "job/gloo-resource-migration", "-n", Manifests.NAMESPACE);
    assertEquals(0, jobLog.exitCode(), jobLog.toString());
    assertEquals("Could not find Upstream CRD. Gloo Edge may not be installed yet. Skipping migration job.\n",
        jobLog.stdout());
  }

  private void createPod(String name, String status, String... containers) {
    StringBuilder list = new StringBuilder();
    for (String container : containers) {
      list.append(list.length() == 0 ? "" : ",").append("{\"name\":\"").append(container)
          .append("\",\"image\":\"quay.io/solo-io/").append(container).append(":1.17.0\"}");
    }
    String pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"%s"},
         "spec":{"containers":[%s]},"status":%s}
        """.formatted(name, Manifests.NAMESPACE, list, status);
    ApiClients.Reply created = clients.sendJson("POST", PODS, ApiClients.JSON, pod);
    assertEquals(201, created.code(), created.text());
  }

  private static void assertStatus(ApiClients.Reply reply, int code, String reason, String message) {
    assertEquals(code, reply.code(), reply.text());
    assertEquals("Status", reply.json().path("kind").asText(), reply.text());
    assertEquals(reason, reply.json().path("reason").asText(), reply.text());
    assertEquals(message, reply.json().path("message").asText());
  }
}
