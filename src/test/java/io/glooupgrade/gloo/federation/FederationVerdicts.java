package io.glooupgrade.gloo.federation;

import io.glooupgrade.gloo.canary.RetryOption;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checks of the Federation canary upgrade and its rollback, as verdicts that fail saying what
 * a reviewer needs to see: which federation runs where, what a remote kept of a placed resource,
 * what a deregistration or an uninstall left.
 */
public final class FederationVerdicts {

  private FederationVerdicts() {
  }

  /** Exactly these federations run on the management cluster: namespace to version. */
  public static void onlyFederations(Map<String, Set<String>> running, Map<String, String> expected) {
    Map<String, Set<String>> wanted = new TreeMap<>();
    expected.forEach((namespace, version) -> wanted.put(namespace, Set.of(version)));
    if (!running.equals(wanted)) {
      throw new AssertionError("Gloo Edge Federation should run only as " + wanted
          + " (namespace=[version]) on the management cluster, but runs as " + running);
    }
  }

  /**
   * Step 9.2: the placed resource kept the shared setting, and the guide's retryBackOff exactly when
   * the remote's Gloo Edge (its OSS version) knows the field; a version that does not know it
   * ignores it, as the guide's 1.12 remote does. So any pair of versions can be checked, not only
   * the guide's 1.12 and 1.13.
   */
  public static void retriesAsItsVersionKnows(Optional<PlacedVirtualService> placed, String cluster,
      String glooVersion, int numRetries, String baseInterval, String maxInterval) {
    RetryOption backOff = RetryOption.RETRY_BACK_OFF;
    String version = "Gloo Edge " + glooVersion + " on " + cluster;
    if (backOff.isKnownBy(glooVersion)) {
      retriesWithBackOff(placed, cluster, numRetries, baseInterval, maxInterval,
          ", which " + version + " knows (from " + backOff.since() + " on)");
    } else {
      JsonNode retries = retriesOf(placed, cluster, numRetries);
      if (retries.has(backOff.field())) {
        throw new AssertionError(placed.get().where() + " has retryBackOff " + retries.get(backOff.field())
            + ", which " + version + " does not know (it arrived in " + backOff.since()
            + "): the remote kept a field its CRDs should have pruned");
      }
    }
  }

  /** Rollback step 7: the placed resource kept the shared setting, and not the retryBackOff the revert removed. */
  public static void retriesWithoutBackOff(Optional<PlacedVirtualService> placed, String cluster, int numRetries) {
    JsonNode retries = retriesOf(placed, cluster, numRetries);
    if (retries.has("retryBackOff")) {
      throw new AssertionError(placed.get().where() + " still has retryBackOff " + retries.get("retryBackOff")
          + ", which the reverted federated virtual service no longer sets");
    }
  }

  private static void retriesWithBackOff(Optional<PlacedVirtualService> placed, String cluster, int numRetries,
      String baseInterval, String maxInterval, String why) {
    JsonNode backOff = retriesOf(placed, cluster, numRetries).path("retryBackOff");
    if (!baseInterval.equals(backOff.path("baseInterval").asText(null))
        || !maxInterval.equals(backOff.path("maxInterval").asText(null))) {
      throw new AssertionError(placed.get().where() + " should retry with retryBackOff {baseInterval: "
          + baseInterval + ", maxInterval: " + maxInterval + "}" + why + ", but has "
          + (backOff.isMissingNode() ? "no retryBackOff: the field was pruned" : "retryBackOff " + backOff));
    }
  }

  /** After a deregistration: nothing of the registration is left (glooctl cluster deregister's own effects). */
  public static void deregistered(String cluster, String federationNamespace, List<String> remaining) {
    if (!remaining.isEmpty()) {
      throw new AssertionError(cluster + " is still registered with the Gloo Edge Federation in "
          + federationNamespace + ": " + String.join(", ", remaining));
    }
  }

  /** After glooctl uninstall: the release and its controller are gone from the namespace. */
  public static void uninstalled(String namespace, boolean releaseInstalled, Map<String, Set<String>> running) {
    if (releaseInstalled) {
      throw new AssertionError("Gloo Edge Federation is still installed in " + namespace + ": the Helm release "
          + "gloo-fed is still there (controllers running: " + running + ")");
    }
    if (running.containsKey(namespace)) {
      throw new AssertionError("the Helm release gloo-fed is gone from " + namespace + ", but its controller still "
          + "runs there at " + running.get(namespace) + ": the uninstall left the federation's Deployment behind "
          + "(controllers running: " + running + ")");
    }
  }

  /** glooctl uninstall keeps the namespace, the CRDs and the custom resources: {@code what} must still exist. */
  public static void keptByUninstall(String what, boolean exists) {
    if (!exists) {
      throw new AssertionError("glooctl uninstall keeps the namespace, the CRDs and the custom resources, but "
          + "this is gone: " + what);
    }
  }

  private static JsonNode retriesOf(Optional<PlacedVirtualService> placed, String cluster, int numRetries) {
    if (placed.isEmpty()) {
      throw new AssertionError("no VirtualService was placed in " + cluster);
    }
    JsonNode retries = placed.get().retries();
    if (retries.path("numRetries").asInt(-1) != numRetries) {
      throw new AssertionError(placed.get().where() + " should retry " + numRetries + " times, but its retries are "
          + (retries.isMissingNode() ? "not set" : retries.toString()));
    }
    return retries;
  }
}
