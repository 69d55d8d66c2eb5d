package io.glooupgrade.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.glooupgrade.gloo.install.Petstore;
import io.glooupgrade.traffic.RouteCheck;
import io.glooupgrade.world.Installations;
import io.glooupgrade.world.ScenarioPath;
import io.glooupgrade.world.ScenarioTarget;

/** Routes through the gateway: health checks can lie, a request cannot. */
public final class RouteSteps {

  private final ScenarioTarget target;
  private final Installations installations;
  private final ScenarioPath path;

  public RouteSteps(ScenarioTarget target, Installations installations, ScenarioPath path) {
    this.target = target;
    this.installations = installations;
    this.path = path;
  }

  @Given("the petstore is routed at {string}")
  public void thePetstoreIsRouted(String routed) {
    RouteCheck.awaitServing(installations.routePetstore(routed), routed, Petstore.DOG);
    path.routed(routed);
  }

  @Then("{string} still lists the pets")
  public void stillListsThePets(String path) {
    String namespace = installations.current().namespace();
    Petstore.awaitListed(target.gloo().glooctl().proxyUrl(namespace), path, "the gateway in " + namespace);
  }
}
