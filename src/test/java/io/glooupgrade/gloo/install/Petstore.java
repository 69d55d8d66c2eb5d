package io.glooupgrade.gloo.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.glooupgrade.evidence.Evidence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.glooupgrade.traffic.RouteCheck;
import java.net.URI;
import java.util.ArrayList;
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

  /**
   * A route test: {@code path} through the gateway answers with both of the docs' pets. The
   * failure names {@code where} (e.g. "the gateway of remote2").
   */
  public static RouteCheck.Exchange awaitListed(URI gateway, String path, String where) {
    RouteCheck.Exchange exchange = RouteCheck.awaitServing(gateway, path, DOG);
    if (!exchange.body().contains(CAT)) {
      throw new AssertionError(path + " through " + where + " lists the Dog but not the Cat:\n" + exchange.body());
    }
    return exchange;
  }

  /**
   * Applies the petstore and the docs' VirtualService for {@code path} in the installation's
   * namespace, and returns what did not exist before (for the scenario's cleanup).
   */
  public static List<HasMetadata> route(KubernetesClient client, String installationNamespace, String path) {
    List<HasMetadata> created = new ArrayList<>(deploy(client));
    created.addAll(upstreamWithoutDiscovery(client, installationNamespace));
    String virtualService = sample("all-pets-virtualservice.yaml").replace("gloo-system", installationNamespace)
        .replace("/all-pets", path);
    Evidence.documentedCommand("kubectl apply -f - <<EOF\n" + virtualService + "EOF");
    created.addAll(apply(client, virtualService));
    return created;
  }

  /**
   * Applies the petstore Deployment and Service alone (a federated virtual service routes to it),
   * and returns what did not exist before.
   */
  public static List<HasMetadata> deploy(KubernetesClient client) {
    Evidence.documentedCommand("kubectl apply -f " + SAMPLE_URL);
    return apply(client, sample("petstore.yaml"));
  }

  /**
   * The petstore's Upstream, applied by hand where a Gloo Edge installation runs without discovery
   * (off by default from 1.20), since nothing else makes it; returns what did not exist before.
   * Nothing where no Gloo Edge runs yet, or where discovery does.
   */
  public static List<HasMetadata> upstreamWithoutDiscovery(KubernetesClient client, String installationNamespace) {
    var deployments = client.apps().deployments().inNamespace(installationNamespace);
    if (deployments.withName("gloo").get() == null || deployments.withName("discovery").get() != null) {
      return List.of();
    }
    String upstream = sample("petstore-upstream.yaml").replace("gloo-system", installationNamespace);
    Evidence.documentedCommand("kubectl apply -f - <<EOF\n" + upstream + "EOF");
    return apply(client, upstream);
  }

  /** {@code kubectl delete -f petstore.yaml}: what {@link #deploy} created. */
  public static void remove(KubernetesClient client) {
    Evidence.documentedCommand("kubectl delete -f " + SAMPLE_URL);
    client.load(new java.io.ByteArrayInputStream(sample("petstore.yaml").getBytes(StandardCharsets.UTF_8)))
        .delete();
  }

  private static List<HasMetadata> apply(KubernetesClient client, String yaml) {
    List<HasMetadata> objects = client.load(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .items();
    List<HasMetadata> created = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (client.resource(o).get() == null) {
        created.add(o);
      }
      client.resource(o).createOr(existing -> existing.update());
    }
    return created;
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
