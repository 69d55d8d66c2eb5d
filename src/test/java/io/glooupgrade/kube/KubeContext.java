package io.glooupgrade.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * One cluster to act on: a kubeconfig context, and a kubeconfig file whose current context is
 * that one (helm-java has no --kube-context flag, so Helm is pointed at this file).
 */
public record KubeContext(String name, Path kubeconfig) {

  /**
   * A fabric8 client for this context, riding out a flaky API as {@link ApiRetryPolicy} says
   * (the settings {@code harness.api.*}) and recording each retry in {@link ApiRetries}.
   * The caller closes it.
   */
  public KubernetesClient newClient() {
    return newClient(ApiRetryPolicy.configured());
  }

  /** The same with an explicit retry policy. */
  public KubernetesClient newClient(ApiRetryPolicy policy) {
    try {
      String contents = Files.readString(kubeconfig);
      Config config = Config.fromKubeconfig(name, contents, kubeconfig.toString());
      config.setRequestTimeout((int) policy.requestTimeout().toMillis());
      config.setConnectionTimeout(5_000);
      // fabric8 retries 429, 5xx and IOExceptions itself, with this backoff, doubling;
      // RetryAfterHold makes it wait for a Retry-After, PatientReads adds unanswered reads;
      // RetryRecorder and PatientReads record each retry.
      config.setRequestRetryBackoffLimit(policy.retries());
      config.setRequestRetryBackoffInterval((int) policy.backoff().toMillis());
      // Retries are recorded into the run this client is made in.
      ApiRetries retries = io.glooupgrade.lifecycle.HarnessRun.current().apiRetries();
      ApiClock clock = new ApiClock(io.glooupgrade.lifecycle.HarnessRun.current().timings().apiCounter());
      RetryRecorder recorder = new RetryRecorder(policy, retries);
      return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(PatientReads.factory(policy, retries))
          .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor(RetryRecorder.NAME, recorder)
              .addOrReplaceInterceptor(RetryAfterHold.NAME, new RetryAfterHold(policy))
              .addOrReplaceInterceptor(ApiClock.NAME, clock))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
  }

  /**
   * The API server's {@code host:port}, as the context's cluster entry names it: read from the
   * kubeconfig without loading its credentials (fabric8 would run an exec plugin to get a token),
   * and without the URL's path or user info. "unknown" when the entry cannot be found.
   */
  @SuppressWarnings("unchecked")
  public String apiServer() {
    try {
      Map<String, Object> config = new Yaml().load(Files.readString(kubeconfig));
      String cluster = named((List<Map<String, Object>>) config.get("contexts"), name, "context", "cluster");
      String server = named((List<Map<String, Object>>) config.get("clusters"), cluster, "cluster", "server");
      java.net.URI url = java.net.URI.create(server);
      int port = url.getPort() != -1 ? url.getPort() : "http".equals(url.getScheme()) ? 80 : 443;
      return url.getHost() + ":" + port;
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  @SuppressWarnings("unchecked")
  private static String named(List<Map<String, Object>> entries, String name, String body, String field) {
    return entries.stream().filter(e -> name.equals(e.get("name"))).findFirst()
        .map(e -> (String) ((Map<String, Object>) e.get(body)).get(field))
        .orElseThrow(() -> new IllegalArgumentException("no " + body + " " + name));
  }
}
