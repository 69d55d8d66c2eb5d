package io.glooupgrade.evidence;

import io.glooupgrade.config.HarnessSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What plan mode knows beside the scenarios: which target the rehearsal stands for, what a real
 * run would meet there (the safety guard's verdict), and the rehearsal's Helm repository URLs with
 * the configured ones they stand for. Documented commands reach the {@link PlanPrinter} through
 * here, as the steps perform them. One per run ({@code HarnessRun.plan()}).
 */
public final class Plan {

  /** What a rehearsal's gateway address stands for: the real gateway's, known only when it runs. */
  static final String PROXY_URL = "$PROXY_URL";
  // The rehearsal's gateways listen on loopback ports.
  private static final Pattern LOOPBACK_URL = Pattern.compile("http://127\\.0\\.0\\.1:\\d+");
  private volatile String target = "";
  private volatile Map<String, String> plannedUrls = Map.of();
  private final List<String> notes = new ArrayList<>();
  private volatile Consumer<String> listener = command -> { };
  private volatile Consumer<String> partListener = part -> { };

  /** Whether this run is a plan (harness.plan=true). */
  public static boolean requested() {
    try {
      return HarnessSettings.fromEnvironment().plan();
    } catch (RuntimeException invalidSettings) {
      return false; // the scenarios report the settings' problems themselves
    }
  }

  /** Set by the target resolver when it starts a rehearsal. */
  public synchronized void rehearsing(String targetDescription, Map<String, String> rehearsalToPlannedUrl,
      List<String> notes) {
    target = targetDescription;
    plannedUrls = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rehearsalToPlannedUrl));
    notes.stream().filter(n -> !this.notes.contains(n)).forEach(this.notes::add);
  }

  String target() {
    return target;
  }

  synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  /** A command as it would read against the planned target: its Helm repositories, not the rehearsal's. */
  String asPlanned(String command) {
    String planned = command;
    for (Map.Entry<String, String> url : plannedUrls.entrySet()) {
      planned = planned.replace(url.getKey(), url.getValue());
    }
    return LOOPBACK_URL.matcher(planned).replaceAll(Matcher.quoteReplacement(PROXY_URL));
  }

  void listen(Consumer<String> commands, Consumer<String> parts) {
    listener = commands;
    partListener = parts;
  }

  /** A part of a step that performs several (a hop of the incremental path): the commands after it go under it. */
  void part(String title) {
    partListener.accept(title);
  }

  void performed(String command) {
    listener.accept(command);
  }
}
