package io.glooupgrade.selftest.gloo;

import io.glooupgrade.embedded.faults.Faults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.gloo.checks.PreparationVerdicts;
import io.glooupgrade.gloo.checks.ProxyProbes;
import io.glooupgrade.selftest.support.TwinWorldTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Step 1's downtime advice, read from the gateway-proxy Deployment: a default installation (probes
 * off) is warned about; one with the probes on, as the guide advises, is not, and the step that
 * expects the default's warning then fails.
 */
class ProxyProbesTest extends TwinWorldTest {



  @Test
  void probesOffAreWarnedAboutAndProbesOnAreNot() {
    start(Faults.none());
    world.install("gloo-system", "1.18.41", Map.of());
    world.install("gloo-probed", "1.18.41", Map.of("gatewayProxies.gatewayProxy.podTemplate.probes", "true"));

    ProxyProbes.Report byDefault = ProxyProbes.read(world.client, "gloo-system");
    assertThat(byDefault.proxies()).containsExactly(new ProxyProbes.Proxy("gateway-proxy", false, false, false));
    assertThat(byDefault.warnings()).singleElement().asString()
        .startsWith("gateway-proxy: probes off: Envoy may take traffic before it is ready");
    PreparationVerdicts.warnsOfProbesOff(byDefault);

    ProxyProbes.Report probed = ProxyProbes.read(world.client, "gloo-probed");
    assertThat(probed.proxies()).containsExactly(new ProxyProbes.Proxy("gateway-proxy", true, false, false));
    assertThat(probed.warnings()).singleElement().asString().contains("liveness probe off");
    assertThatThrownBy(() -> PreparationVerdicts.warnsOfProbesOff(probed)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("[gateway-proxy] run with a readiness probe");
  }
}
