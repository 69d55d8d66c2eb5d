package io.glooupgrade.gloo.glooctl;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP GET to a port of a pod through the API server's pod proxy: what glooctl reaches with a
 * port-forward (Envoy's admin port, gloo's metrics), with the kubeconfig's credentials.
 */
final class PodPort {

  /** The answer, or the reason there is none. */
  record Answer(int status, String body) {

    boolean ok() {
      return status == 200;
    }
  }

  private PodPort() {
  }

  static Answer get(KubernetesClient client, Pod pod, int port, String path) {
    String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/"
        + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName() + ":" + port + "/proxy" + path;
    HttpClient http = client.getHttpClient();
    try {
      HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder().uri(url).build(), String.class)
          .get(15, TimeUnit.SECONDS);
      return new Answer(response.code(), response.body() == null ? "" : response.body());
    } catch (ExecutionException | TimeoutException e) {
      return new Answer(0, "cannot reach " + pod.getMetadata().getName() + ":" + port + path + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "interrupted");
    }
  }
}
