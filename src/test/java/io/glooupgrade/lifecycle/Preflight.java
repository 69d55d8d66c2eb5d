package io.glooupgrade.lifecycle;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.config.InvalidSettingsException;
import io.glooupgrade.kube.TargetResolver;
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
 * <p>State is per Cucumber run, not per JVM: the self-tests run Cucumber many times in one JVM.
 * When the JUnit Platform selected the scenarios ({@link SelectedScenarios}) their needs are
 * checked together at the run's start; otherwise each scenario's needs as it comes, once each.
 */
public final class Preflight {

  private static final List<ScenarioNeeds> CHECKED = new ArrayList<>();
  private static PreflightFailure failure;

  private Preflight() {
  }

  /** The start of a run (Cucumber's BeforeAll): forgets the last run, checks the selected scenarios' needs. */
  public static synchronized void begin() {
    CHECKED.clear();
    failure = null;
    SelectedScenarios.needs().ifPresent(Preflight::check);
  }

  /** Before a scenario: skips it if the run cannot start, checking first what it needs that was not checked yet. */
  public static synchronized void require(Collection<String> tags) {
    ScenarioNeeds needs = ScenarioNeeds.of(tags);
    if (failure == null && CHECKED.stream().noneMatch(c -> c.covers(needs))) {
      check(needs);
    }
    if (failure != null) {
      throw new RunNotStarted(failure);
    }
  }

  /** The end of a run (Cucumber's AfterAll): a run that could not start fails, once, with the one message. */
  public static synchronized void end() {
    if (failure != null) {
      throw failure;
    }
  }

  /** Whether this run stopped before its first scenario. */
  public static synchronized boolean stopped() {
    return failure != null;
  }

  private static void check(ScenarioNeeds needs) {
    CHECKED.add(needs);
    List<String> problems = new ArrayList<>();
    List<Throwable> causes = new ArrayList<>();
    try {
      HarnessSettings settings = HarnessSettings.fromEnvironment();
      problems.addAll(TargetResolver.problemsBeforeContact(settings, needs.roles(), needs.licensed()));
      if (problems.isEmpty()) {
        problems.addAll(TargetResolver.unansweredApiServers(settings, needs.roles(), causes));
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
