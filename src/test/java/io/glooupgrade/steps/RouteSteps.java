package io.glooupgrade.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.glooupgrade.gloo.install.Petstore;
import io.glooupgrade.traffic.RouteCheck;

/** Routes through the gateway: health checks can lie, a request cannot. */
public final class RouteSteps {

  private final ScenarioState state;

  public RouteSteps(ScenarioState state) {
    this.state = state;
  }

  @Given("the petstore is routed at {string}")
  public void thePetstoreIsRouted(String path) {
    String namespace = state.installation().namespace();
    state.created(state.clusterRoles().get(0), state.gloo().routePetstore(namespace, path));
    RouteCheck.awaitServing(state.gloo().gatewayUrl(namespace), path, Petstore.DOG);
  }

  @Then("{string} still lists the pets")
  public void stillListsThePets(String path) {
    String namespace = state.installation().namespace();
    Petstore.awaitListed(state.gloo().gatewayUrl(namespace), path, "the gateway in " + namespace);
  }
}
