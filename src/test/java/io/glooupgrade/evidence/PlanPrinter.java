package io.glooupgrade.evidence;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.HookType;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;
import io.glooupgrade.lifecycle.HarnessRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Cucumber plugin for plan mode ({@code harness.plan=true}; otherwise it does nothing): prints,
 * per scenario, the documented commands it performs, under the Gherkin step that performs them,
 * and writes them all to {@code reports/plan.md}. In plan mode the scenarios run on a rehearsal
 * (see {@code kube/TargetResolver}), so these are the commands a real run would perform.
 */
public final class PlanPrinter implements ConcurrentEventListener {

  private final StringBuilder plan = new StringBuilder();
  private volatile Plan run = new Plan();
  private StringBuilder scenario;
  private String section;
  private boolean fenceOpen;
  private String indent = "  ";

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    if (!Plan.requested()) {
      return;
    }
    // The run's plan, once it has started (the plugin may be made before its run is opened).
    publisher.registerHandlerFor(TestRunStarted.class, e -> {
      run = HarnessRun.current().plan();
      run.listen(this::performed, this::partStarted);
    });
    publisher.registerHandlerFor(TestCaseStarted.class, this::scenarioStarted);
    publisher.registerHandlerFor(TestStepStarted.class, this::stepStarted);
    publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
    publisher.registerHandlerFor(TestCaseFinished.class, this::scenarioFinished);
    publisher.registerHandlerFor(TestRunFinished.class, e -> write());
  }

  private synchronized void scenarioStarted(TestCaseStarted event) {
    scenario = new StringBuilder("## " + event.getTestCase().getName() + "\n\n"
        + String.join(" ", event.getTestCase().getTags()) + "\n\n");
    section = null;
    fenceOpen = false;
  }

  private synchronized void stepStarted(TestStepStarted event) {
    if (event.getTestStep() instanceof PickleStepTestStep step) {
      section = step.getStep().getKeyword() + step.getStep().getText();
    } else if (event.getTestStep() instanceof HookTestStep hook) {
      section = hook.getHookType() == HookType.AFTER ? "After the scenario: undo what it created"
          : hook.getHookType() == HookType.BEFORE ? "Before the scenario" : null;
    }
  }

  // The commands after a part (a hop of the incremental path) go under it, within the step.
  private synchronized void partStarted(String title) {
    if (scenario != null) {
      closeFence();
      if (section != null && !section.startsWith("  ")) {
        scenario.append("- ").append(section.strip()).append('\n'); // the step, before its first part
      }
      section = "  " + title;
    }
  }

  private synchronized void performed(String command) {
    if (scenario == null) {
      return;
    }
    if (section != null) {
      closeFence();
      boolean part = section.startsWith("  ");
      indent = part ? "    " : "  ";
      scenario.append(part ? "  - " : "- ").append(section.strip()).append('\n').append(indent).append("```\n");
      fenceOpen = true;
      section = null;
    }
    scenario.append(indent).append("$ ").append(run.asPlanned(command).replace("\n", "\n" + indent + "  "))
        .append('\n');
  }

  private void closeFence() {
    if (fenceOpen) {
      scenario.append(indent).append("```\n");
      fenceOpen = false;
    }
  }

  private synchronized void stepFinished(TestStepFinished event) {
    if (scenario != null && event.getResult().getStatus() == Status.FAILED) {
      closeFence();
      Throwable error = event.getResult().getError();
      scenario.append("\n**The rehearsal failed here**, so what a real run would do after this is not known: ")
          .append(error == null ? "" : String.valueOf(error.getMessage()).lines().findFirst().orElse(""))
          .append("\n");
    }
  }

  private synchronized void scenarioFinished(TestCaseFinished event) {
    if (scenario == null) {
      return;
    }
    closeFence();
    String block = scenario.append('\n').toString();
    System.out.println("Plan: " + block);
    plan.append(block);
    scenario = null;
  }

  private synchronized void write() {
    Path file = Path.of(System.getProperty("allure.results.directory", "reports/allure-results"))
        .toAbsolutePath().resolveSibling("plan.md");
    StringBuilder md = new StringBuilder("# Plan: the documented commands each scenario would perform\n\n")
        .append("Target: ").append(run.target()).append(". Nothing was changed there: the scenarios were ")
        .append("rehearsed on embedded clusters named after its contexts, at its Kubernetes version. ")
        .append(Plan.PROXY_URL).append(" stands for the address `glooctl proxy url` prints there.\n\n");
    run.notes().forEach(note -> md.append("> ").append(note).append("\n\n"));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, md.append(plan).toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plan to " + file, e);
    }
    System.out.println("Plan written to " + file);
  }
}
