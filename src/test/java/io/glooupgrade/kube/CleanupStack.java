package io.glooupgrade.kube;

import io.glooupgrade.evidence.Evidence;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a scenario created, undone in reverse order when it ends, failed or not: against a real
 * cluster a scenario leaves nothing behind. Every undo runs even when an earlier one fails; the
 * failures are logged and attached, never thrown over the scenario's own result.
 */
public final class CleanupStack {

  private static final Logger LOG = LoggerFactory.getLogger(CleanupStack.class);

  /** One undo: the documented command it stands for and the action. */
  private record Undo(String command, Runnable action) {
  }

  private final Deque<Undo> undos = new ArrayDeque<>();

  /** Records how to undo something just created, as the command a person would run. */
  public synchronized void push(String command, Runnable action) {
    undos.push(new Undo(command, action));
  }

  /** Undoes everything, newest first, and returns the commands that failed. */
  public synchronized List<String> runAll() {
    List<String> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    while (!undos.isEmpty()) {
      Undo undo = undos.pop();
      try {
        undo.action().run();
        done.add("$ " + undo.command());
      } catch (RuntimeException e) {
        LOG.warn("cleanup '{}' failed", undo.command(), e);
        failed.add(undo.command() + ": " + e.getMessage());
        done.add("$ " + undo.command() + "   # FAILED: " + e.getMessage());
      }
    }
    if (!done.isEmpty()) {
      Evidence.text("cleanup, in reverse order of creation", String.join("\n", done));
    }
    return failed;
  }
}
