package io.glooupgrade.steps;

import io.glooupgrade.world.Installations;
import io.glooupgrade.world.ScenarioTarget;
import io.glooupgrade.world.ScenarioTraffic;
import io.glooupgrade.world.VersionRole;
import io.glooupgrade.evidence.Encodes;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.glooupgrade.gloo.install.Petstore;
import io.glooupgrade.traffic.TrafficEvidence;
import io.glooupgrade.traffic.TrafficProbe;
import io.glooupgrade.traffic.TrafficReport;
import io.glooupgrade.traffic.TrafficVerdicts;
import java.time.Duration;

/** Traffic through the gateway while the documented steps run, and what it proves about downtime. */
public final class TrafficSteps {

  /** How long a gateway may take to give its first good answer before the probe gives up on it. */
  private static final Duration WARM_UP = Duration.ofSeconds(15);
  private final ScenarioTarget target;
  private final Installations installations;
  private final ScenarioTraffic traffic;
  private TrafficReport report;

  public TrafficSteps(ScenarioTarget target, Installations installations, ScenarioTraffic traffic) {
    this.target = target;
    this.installations = installations;
    this.traffic = traffic;
  }

  @Encodes(performs = "1.4")
  @Given("the gateway-proxy readiness and liveness probes are enabled at the current version")
  public void proxyProbesAreEnabled() {
    target.gloo().releases().enableProxyProbes(installations.current());
  }

  @Given("traffic flows to {string} through the gateway")
  public void trafficFlows(String path) {
    var url = target.gloo().glooctl().proxyUrl(installations.current().namespace()).resolve(path);
    traffic.started(TrafficProbe.start(url, Petstore.DOG, TrafficProbe.Options.forScenarios(), WARM_UP));
  }

  /** The canary's traffic shift: the load balancer or DNS in front now sends to the other version's gateway. */
  @When("traffic to {string} moves to the {versionRole} version's gateway")
  public void trafficMoves(String path, VersionRole role) {
    traffic.probe().retarget(target.gloo().glooctl().proxyUrl(installations.of(role).namespace()).resolve(path));
  }

  @Encodes(verifies = "1.4",
      observation = "every request the traffic probe sent through the gateway while the steps ran, and its answer")
  @Then("no request failed during the upgrade")
  public void noRequestFailed() {
    TrafficVerdicts.noRequestFailed(report());
  }

  @Then("the latency p99 stayed under {int} ms")
  public void latencyP99Under(int ms) {
    TrafficVerdicts.latencyP99Under(report(), ms);
  }

  @Encodes(verifies = "1.4",
      observation = "the traffic probe's failed requests while the gateway proxies restarted without probes, as the "
          + "guide warns")
  @Then("requests failed while the gateway proxies restarted, as the guide warns without probes")
  public void outageSeen() {
    TrafficVerdicts.outageSeen(report());
  }

  // The first Then stops the probe and attaches its evidence; the others judge the same report.
  private TrafficReport report() {
    if (report == null) {
      report = traffic.probe().stop();
      TrafficEvidence.attach(report);
    }
    return report;
  }
}
