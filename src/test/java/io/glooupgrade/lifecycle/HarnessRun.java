package io.glooupgrade.lifecycle;

import io.glooupgrade.evidence.Plan;
import io.glooupgrade.evidence.RunEnvironment;
import io.glooupgrade.evidence.compliance.RunFacts;
import io.glooupgrade.kube.ApiRetries;
import io.glooupgrade.traffic.StepTimeline;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of the harness: everything that lives as long as a run and no longer. Its scenarios'
 * facts for the compliance records and the report's environment, the plan, the interruption
 * state, the API retries, the preflight and the scenarios JUnit selected, the step timelines, and
 * what other parts keep per run (the faults a self-test gave the embedded worlds). Two runs share
 * none of it.
 *
 * <p>A run opens when a JUnit test plan with Cucumber scenarios starts ({@link SelectedScenarios})
 * and closes when it finishes; a self-test that runs scenarios in this JVM opens one around them
 * ({@link #open()}, closed with try-with-resources). Runs nest: the innermost open run is the
 * current one, and closing it makes the one around it current again, untouched. A run belongs to
 * the thread that opened it and the threads that thread starts, so that two self-tests' runs side by
 * side (the fault matrix's rows) each see their own; a thread outside every run sees the innermost.
 */
public final class HarnessRun implements AutoCloseable {

  /**
   * The one static anchor of the harness: the open runs, innermost first. It is static because
   * Cucumber offers no run-scoped injection: its {@code @BeforeAll}/{@code @AfterAll} hooks are
   * static methods, and its plugins (the step timeline, the compliance recorder, the plan printer)
   * and JUnit's execution listeners ({@link SelectedScenarios}) are made by the frameworks from a
   * class name; none of them can be handed a run. Everything else reaches its run from here
   * ({@link #current()}), and no other class of the harness keeps state in a static field
   * (selftest/architecture/NoStaticStateTest).
   */
  private static final OpenRuns OPEN = new OpenRuns();

  private final RunFacts facts = new RunFacts();
  private final RunEnvironment environment = new RunEnvironment();
  private final Plan plan = new Plan();
  private final RunInterruption interruption = new RunInterruption();
  private final ApiRetries apiRetries = new ApiRetries();
  private final Preflight preflight = new Preflight();
  private final StepTimeline.Timelines timelines = new StepTimeline.Timelines();
  private final java.util.Map<Class<?>, Object> owned = new ConcurrentHashMap<>();
  private final RunTimings timings = new RunTimings();
  private final Set<String> notices = ConcurrentHashMap.newKeySet();
  private final Map<String, String> settings = new ConcurrentHashMap<>();
  private final HarnessRun enclosing;

  private HarnessRun(HarnessRun enclosing) {
    this.enclosing = enclosing;
  }

  /**
   * Opens a run inside the current one (if any): it is current, on this thread and the threads it
   * starts, until it is closed.
   */
  public static HarnessRun open() {
    return OPEN.open(HarnessRun::new);
  }

  /**
   * This thread's innermost open run, or else the innermost open run of the JVM. When none is open
   * (Cucumber's command line, a benchmark, a test of one part), it opens one, which stays open as
   * long as the JVM: such a JVM is one run.
   */
  public static HarnessRun current() {
    return OPEN.current(HarnessRun::new, run -> run.enclosing);
  }

  /** The runs open now, innermost first: the JVM-wide shutdown hook interrupts each of them. */
  static List<HarnessRun> openRuns() {
    return OPEN.all();
  }

  /** Closes this run: the run around it (if any) is current again. */
  @Override
  public void close() {
    OPEN.close(this, enclosing);
  }

  /**
   * Settings of this run only, read before every other source (SettingSources): a self-test's
   * short timeouts or versions, which two runs side by side cannot share as system properties.
   */
  public Map<String, String> settings() {
    return settings;
  }

  /** Each scenario's edition, versions and target, and the secrets to keep out of the records. */
  public RunFacts facts() {
    return facts;
  }

  /** The report's Environment panel. */
  public RunEnvironment environment() {
    return environment;
  }

  /** What plan mode knows beside the scenarios. */
  public Plan plan() {
    return plan;
  }

  /** Whether and why the run was stopped from outside, and what to do then. */
  public RunInterruption interruption() {
    return interruption;
  }

  /** The Kubernetes API requests the harness retried. */
  public ApiRetries apiRetries() {
    return apiRetries;
  }

  /** What the run checks before its first scenario, and what JUnit selected. */
  public Preflight preflight() {
    return preflight;
  }

  /** When each scenario's steps started, per scenario. */
  public StepTimeline.Timelines timelines() {
    return timelines;
  }

  /** Whether this notice is new to the run: something a run says once however often it happens. */
  public boolean firstNotice(String notice) {
    return notices.add(notice);
  }

  /** Where each scenario's time goes (the suite benchmark). */
  public RunTimings timings() {
    return timings;
  }

  /**
   * The run's own instance of {@code type}, made by {@code make} on first use: state a part of the
   * harness keeps per run without this class knowing it (the embedded worlds' self-test faults).
   */
  public <T> T own(Class<T> type, java.util.function.Supplier<T> make) {
    return type.cast(owned.computeIfAbsent(type, t -> make.get()));
  }
}
