package io.glooupgrade.gloo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.evidence.Evidence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The docs' sample application: the petstore Deployment and Service, and the VirtualService that
 * routes {@code /all-pets} to it (rewritten to {@code /api/pets}) through the installation's gateway.
 */
public final class Petstore {

  /** The first of the docs' two pets, as {@code GET /api/pets} returns it. */
  public static final String DOG = "{\"id\":1,\"name\":\"Dog\",\"status\":\"available\"}";
  public static final String CAT = "{\"id\":2,\"name\":\"Cat\",\"status\":\"pending\"}";

  private static final String SAMPLE_URL =
      "https://raw.githubusercontent.com/solo-io/gloo/v1.14.x/example/petstore/petstore.yaml";

  private Petstore() {
  }

  /** Applies the petstore and the docs' VirtualService for {@code path} in the installation's namespace. */
  public static void route(KubernetesClient client, String installationNamespace, String path) {
    deploy(client);
    String virtualService = sample("all-pets-virtualservice.yaml").replace("gloo-system", installationNamespace)
        .replace("/all-pets", path);
    Evidence.documentedCommand("kubectl apply -f - <<EOF\n" + virtualService + "EOF");
    apply(client, virtualService);
  }

  /** Applies the petstore Deployment and Service alone (a federated virtual service routes to it). */
  public static void deploy(KubernetesClient client) {
    Evidence.documentedCommand("kubectl apply -f " + SAMPLE_URL);
    apply(client, sample("petstore.yaml"));
  }

  /** {@code kubectl delete -f petstore.yaml}: what {@link #deploy} created. */
  public static void remove(KubernetesClient client) {
    Evidence.documentedCommand("kubectl delete -f " + SAMPLE_URL);
    client.load(new java.io.ByteArrayInputStream(sample("petstore.yaml").getBytes(StandardCharsets.UTF_8)))
        .delete();
  }

  private static void apply(KubernetesClient client, String yaml) {
    List<HasMetadata> objects = client.load(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .items();
    objects.forEach(o -> client.resource(o).createOr(existing -> existing.update()));
  }

  private static String sample(String name) {
    try (InputStream in = Petstore.class.getResourceAsStream("/samples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("sample " + name + " is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
