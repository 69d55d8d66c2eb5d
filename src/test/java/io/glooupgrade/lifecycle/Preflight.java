package io.glooupgrade.lifecycle;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.config.InvalidSettingsException;
import io.glooupgrade.kube.PreflightProblems;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What can be known before the first scenario is checked once, before it: the settings, the
 * kubeconfig and contexts of the cluster roles the selected scenarios need, the safety guard's
 * allow-list (from the kubeconfig alone, before any network call), the licence key, and only then
 * one bounded reachability probe per distinct API server. Any problem stops the whole run: one
 * message, printed once, listing them all; every scenario skipped for it ({@link RunNotStarted});
 * nothing changed on any cluster; and the run fails when it ends ({@link #end}), so Maven exits
 * non-zero.
 *
 * <p>One per run ({@link HarnessRun#preflight()}): the self-tests run Cucumber many times in one
 * JVM, each in a run of its own. When the JUnit Platform selected the scenarios
 * ({@link SelectedScenarios}) their needs are checked together at the run's start; otherwise each
 * scenario's needs as it comes, once each.
 */
public final class Preflight {

  private final List<ScenarioNeeds> checked = new ArrayList<>();
  private List<ScenarioNeeds> selected = List.of();
  private PreflightFailure failure;

  /** What the scenarios JUnit selected for this run need (none: Cucumber's command line chose them). */
  synchronized void selected(List<ScenarioNeeds> scenarios) {
    selected = List.copyOf(scenarios);
  }

  /** The start of a run (Cucumber's BeforeAll): checks the selected scenarios' needs. */
  public synchronized void begin() {
    checked.clear();
    failure = null;
    if (!selected.isEmpty()) {
      check(ScenarioNeeds.ofAll(selected));
    }
  }

  /** Before a scenario: skips it if the run cannot start, checking first what it needs that was not checked yet. */
  public synchronized void require(Collection<String> tags) {
    ScenarioNeeds needs = ScenarioNeeds.of(tags);
    if (failure == null && checked.stream().noneMatch(c -> c.covers(needs))) {
      check(needs);
    }
    if (failure != null) {
      throw new RunNotStarted(failure);
    }
  }

  /** The end of a run (Cucumber's AfterAll): a run that could not start fails, once, with the one message. */
  public synchronized void end() {
    if (failure != null) {
      throw failure;
    }
  }

  /** Whether this run stopped before its first scenario. */
  public synchronized boolean stopped() {
    return failure != null;
  }

  private void check(ScenarioNeeds needs) {
    checked.add(needs);
    List<String> problems = new ArrayList<>();
    List<Throwable> causes = new ArrayList<>();
    try {
      HarnessSettings settings = HarnessSettings.fromEnvironment();
      problems.addAll(PreflightProblems.beforeContact(settings, needs.roles(), needs.licensed()));
      if (problems.isEmpty()) {
        problems.addAll(PreflightProblems.unansweredApiServers(settings, needs.roles(), causes));
      }
    } catch (InvalidSettingsException e) {
      problems.addAll(e.problems());
    } catch (RuntimeException e) { // a harness defect: still one message, the trace with -Dharness.debug=true
      problems.add("the preflight itself failed: " + e);
      causes.add(e);
    }
    if (!problems.isEmpty()) {
      failure = new PreflightFailure(problems, causes);
      System.err.println("\n" + failure.getMessage() + "\n");
      if (PreflightFailure.debug()) {
        failure.printStackTrace();
      }
    }
  }
}
