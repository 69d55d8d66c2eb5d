package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glooupgrade.gloo.federation.FederationVerdicts;
import io.glooupgrade.gloo.federation.PlacedVirtualService;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Step 9.2 of the Federation canary upgrade, for any pair of versions: a remote keeps the guide's
 * retryBackOff exactly when its Gloo Edge knows the field (1.13.0 on), not only in the guide's
 * 1.12-to-1.13 example. A nightly job from 1.21 to 1.22 must not fail because 1.21 knows it.
 */
class FederationRetryVerdictTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRemoteWhoseVersionKnowsTheFieldMustKeepIt() {
    assertThatCode(() -> FederationVerdicts.retriesAsItsVersionKnows(placed(true), "remote1", "1.21.13", 10, "1s",
        "3s")).doesNotThrowAnyException();
    assertThatThrownBy(() -> FederationVerdicts.retriesAsItsVersionKnows(placed(false), "remote1", "1.21.13", 10,
        "1s", "3s")).hasMessageContaining("which Gloo Edge 1.21.13 on remote1 knows (from 1.13.0 on), but has no "
        + "retryBackOff: the field was pruned");
  }

  @Test
  void aRemoteWhoseVersionDoesNotKnowTheFieldMustHaveDroppedIt() {
    assertThatCode(() -> FederationVerdicts.retriesAsItsVersionKnows(placed(false), "remote1", "1.12.58", 10, "1s",
        "3s")).doesNotThrowAnyException();
    assertThatThrownBy(() -> FederationVerdicts.retriesAsItsVersionKnows(placed(true), "remote1", "1.12.58", 10,
        "1s", "3s")).hasMessageContaining("which Gloo Edge 1.12.58 on remote1 does not know (it arrived in 1.13.0)");
  }

  @Test
  void theSharedSettingIsCheckedEitherWay() {
    assertThatThrownBy(() -> FederationVerdicts.retriesAsItsVersionKnows(placed(true), "remote2", "1.13.35", 3, "1s",
        "3s")).hasMessageContaining("should retry 3 times");
    assertThatThrownBy(() -> FederationVerdicts.retriesAsItsVersionKnows(Optional.empty(), "remote2", "1.13.35", 10,
        "1s", "3s")).hasMessageContaining("no VirtualService was placed in remote2");
  }

  private static Optional<PlacedVirtualService> placed(boolean withBackOff) {
    String retries = "{\"retryOn\": \"connect-failure\", \"numRetries\": 10, \"perTryTimeout\": \"5s\""
        + (withBackOff ? ", \"retryBackOff\": {\"baseInterval\": \"1s\", \"maxInterval\": \"3s\"}" : "") + "}";
    try {
      JsonNode spec = JSON.readTree("{\"virtualHost\": {\"routes\": [{\"options\": {\"retries\": " + retries + "}}]}}");
      return Optional.of(new PlacedVirtualService("remote1", "gloo-system", "my-vs", spec));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
