package io.glooupgrade.gloo.path;

import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.GlooInstallation;
import io.glooupgrade.gloo.HelmValues;
import io.glooupgrade.gloo.checks.PreparationVerdicts;
import io.glooupgrade.gloo.checks.UpgradeVerdicts;
import io.glooupgrade.gloo.install.ChartChanges;
import io.glooupgrade.gloo.install.GlooEdge;
import io.glooupgrade.gloo.install.Petstore;
import io.glooupgrade.gloo.install.RemovedCrds;
import io.qameta.allure.Allure;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The documented incremental path performed on one installation, hop by hop, each hop as the
 * Upgrade Steps guide does a single upgrade: review the hop's changes (2.2), delete the CRDs it
 * removes (4.2.1) and refuse values in use it removes (4.4.2), apply its CRDs (4.2.2), upgrade the
 * Helm release with the values in use (5.1), then check every pod's image (5.2), glooctl check
 * (5.4) and the routes. Each hop is a step of the report with one sub-step per guide step; the first
 * failure stops the path, naming the hop, the step and why, and the later steps are "not reached".
 */
public final class PathUpgrade {

  /** One guide step of a hop: its id, its title, and what it does. */
  private record HopStep(String step, String title, HopAction action) {
  }

  @FunctionalInterface
  private interface HopAction {
    void run(HopState state);
  }

  /** What a hop's steps share: the installation as it stands, and the hop's reviewed changes. */
  private static final class HopState {
    private final UpgradeHop hop;
    private GlooInstallation installation;
    private ChartChanges changes;

    private HopState(UpgradeHop hop, GlooInstallation installation) {
      this.hop = hop;
      this.installation = installation;
    }
  }

  private final GlooEdge gloo;
  private final List<String> routedPaths;
  private final List<HopStep> steps;
  private final List<HopVerdict> verdicts = new ArrayList<>();

  /** @param routedPaths the paths routed through the installation's gateway, which every hop must keep serving */
  public PathUpgrade(GlooEdge gloo, List<String> routedPaths) {
    this.gloo = gloo;
    this.routedPaths = List.copyOf(routedPaths);
    this.steps = List.of(
        new HopStep("2.2", "review the CRD and Helm changes of the hop", this::review),
        new HopStep("4.2.1", "delete the CRDs the hop removes", this::deleteRemovedCrds),
        new HopStep("4.4.2", "no Helm value in use is one the hop removes", this::noRemovedValueInUse),
        new HopStep("4.2.2", "apply the CRDs of the hop's version", s -> gloo.applyCrdsOf(edition(s), s.hop.to())),
        new HopStep("5.1", "upgrade the Helm release with the values in use", this::upgrade),
        new HopStep("5.2", "every Gloo Edge pod runs the hop's version", this::everyPodRuns),
        new HopStep("5.4", "glooctl check reports no problems", s -> UpgradeVerdicts.noProblems(
            gloo.glooctl().checkOnceSettled(s.installation.namespace()))),
        new HopStep("routes", "the routed paths still list the pets", this::routesServe));
  }

  /** Performs every hop of the plan on the installation; returns it at the plan's last version. */
  public GlooInstallation perform(GlooInstallation installation, PathPlan plan) {
    GlooInstallation current = installation;
    for (UpgradeHop hop : plan.hops()) {
      HopState state = new HopState(hop, current);
      try {
        Evidence.part(hop.label());
        Allure.step(hop.label(), () -> performHop(state));
      } catch (HopFailed failed) {
        plan.hops().stream().filter(h -> h.number() > hop.number()).forEach(this::notReached);
        throw new AssertionError("the upgrade path stopped at " + hop.label() + ", Upgrade Steps " + failed.step.step()
            + " (" + failed.step.title() + "): " + failed.getCause().getMessage(), failed.getCause());
      }
      current = state.installation;
    }
    return current;
  }

  /** Each hop's verdict per guide step so far, in order. */
  public List<HopVerdict> verdicts() {
    return List.copyOf(verdicts);
  }

  /** The verdicts as a table a reviewer reads. */
  public String table() {
    return verdicts.stream().map(v -> v.hop().label() + " | " + v.step() + " " + v.title() + " | " + v.verdict()
        + (v.detail().isEmpty() ? "" : " | " + v.detail())).collect(Collectors.joining("\n"));
  }

  private void performHop(HopState state) {
    for (int i = 0; i < steps.size(); i++) {
      HopStep step = steps.get(i);
      try {
        Allure.step(step.step() + " " + step.title(), () -> step.action().run(state));
        verdicts.add(new HopVerdict(state.hop, step.step(), step.title(), HopVerdict.PASSED, ""));
      } catch (AssertionError | RuntimeException e) {
        verdicts.add(new HopVerdict(state.hop, step.step(), step.title(), HopVerdict.FAILED,
            String.valueOf(e.getMessage())));
        steps.subList(i + 1, steps.size()).forEach(later -> verdicts.add(new HopVerdict(state.hop, later.step(),
            later.title(), HopVerdict.NOT_REACHED, "")));
        throw new HopFailed(step, e);
      }
    }
  }

  private void notReached(UpgradeHop hop) {
    steps.forEach(step -> verdicts.add(new HopVerdict(hop, step.step(), step.title(), HopVerdict.NOT_REACHED, "")));
  }

  private void review(HopState s) {
    s.changes = ChartChanges.review(gloo.helm(), edition(s), s.hop.from(), s.hop.to());
  }

  private void deleteRemovedCrds(HopState s) {
    RemovedCrds removed = new RemovedCrds(gloo.client(), s.changes.removedCrds());
    PreparationVerdicts.noRemovedCrdHoldsResources(removed.customResources(), s.hop.to());
    removed.delete(s.hop.to());
  }

  private void noRemovedValueInUse(HopState s) {
    HelmValues inUse = HelmValues.parse(gloo.helm().getValues(s.installation.namespace(),
        edition(s).release(), s.installation.chartReference()));
    List<String> removed = s.changes.removedValuesIn(inUse);
    Evidence.text("values in use that the chart of " + s.hop.to() + " no longer has",
        removed.isEmpty() ? "none" : String.join("\n", removed));
    PreparationVerdicts.noRemovedValueInUse(removed, s.hop.to());
  }

  private void upgrade(HopState s) {
    s.installation = gloo.releases().upgradeWithValuesInUse(s.installation, s.hop.to());
  }

  private void everyPodRuns(HopState s) {
    String namespace = s.installation.namespace();
    UpgradeVerdicts.everyPodRuns(namespace, gloo.releases().glooPods(namespace), s.installation.imageTags());
  }

  private void routesServe(HopState s) {
    String namespace = s.installation.namespace();
    for (String path : routedPaths) {
      Petstore.awaitListed(gloo.glooctl().proxyUrl(namespace), path, "the gateway in " + namespace);
    }
  }

  private static Edition edition(HopState s) {
    return s.installation.edition();
  }

  /** A hop's step failed: carries the step to the path's failure message. */
  private static final class HopFailed extends RuntimeException {
    private final transient HopStep step;

    private HopFailed(HopStep step, Throwable cause) {
      super(cause);
      this.step = step;
    }
  }
}
