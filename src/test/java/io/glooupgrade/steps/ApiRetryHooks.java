package io.glooupgrade.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.kube.ApiRetries;
import io.glooupgrade.lifecycle.HarnessRun;

/**
 * Each scenario's report says which Kubernetes API calls were retried (a flaky API is ridden out,
 * not hidden): attached as "API retries" once the scenario and its cleanup are done.
 */
public final class ApiRetryHooks {

  @Before(order = -1)
  public void forgetEarlierRetries() {
    HarnessRun.current().apiRetries().clear();
  }

  // After hooks run highest order first: -1 comes after the cleanup (order 0), whose calls count too.
  @After(order = -1)
  public void attachRetries() {
    Evidence.text("API retries", ApiRetries.report(HarnessRun.current().apiRetries().recorded()));
  }
}
