package io.glooupgrade.selftest.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.gloo.glooctl.GlooctlCheck;
import io.glooupgrade.gloo.install.Petstore;
import io.glooupgrade.selftest.support.TwinWorld;
import io.glooupgrade.selftest.support.TwinWorldTest;
import io.glooupgrade.traffic.RouteCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault "a release warns on every VirtualService": the VirtualService is accepted with a
 * Warning (state 3), traffic still flows, and glooctl check reports the warning as a problem, as
 * the glooctl step before an upgrade (Upgrade Steps, step 3.4) must see.
 */
class VirtualServiceWarningTest extends TwinWorldTest {



  @Test
  void theVirtualServiceIsAcceptedWithAWarningThatGlooctlCheckReports() {
    start(Faults.none().warnOnVirtualServicesAt("1.18.41"));
    world.install("gloo-system", "1.18.41", Map.of());
    world.applySample("petstore.yaml");
    world.applySample("all-pets-virtualservice.yaml");

    Map<String, Object> status = await().atMost(TwinWorld.TIMEOUT).until(() -> TwinWorld.statusOf(
        world.get(TwinWorld.VIRTUAL_SERVICES, "gloo-system", "default"), "gloo-system"), s -> s != null);
    assertThat(status).containsEntry("state", 3);
    assertThat(String.valueOf(status.get("reason"))).contains("injected fault");
    RouteCheck.awaitServing(world.gloo.glooctl().proxyUrl("gloo-system"), "/all-pets", Petstore.DOG);
    GlooctlCheck.Result check = await().atMost(TwinWorld.TIMEOUT).until(() -> world.gloo.glooctl().check("gloo-system"),
        r -> r.output().contains("Found warning VirtualService"));
    assertThat(check.ok()).isFalse();
  }
}
