package io.glooupgrade.evidence;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/**
 * API objects before and after a step, as a reviewer wants them: both states, and a unified diff
 * between them (java-diff-utils) that shows at a glance what the step changed.
 */
public final class ObjectChange {

  private ObjectChange() {
  }

  /** Attaches {@code before}, {@code after} and their diff, under {@code what} (e.g. "Deployments in gloo-system"). */
  public static void attach(String what, String before, String after) {
    Evidence.yaml(what + " before", before);
    Evidence.yaml(what + " after", after);
    Evidence.text(what + " diff", diff(what, before, after));
  }

  /** A unified diff, or a line saying nothing changed. */
  public static String diff(String what, String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(what + " (before)", what + " (after)", a,
        DiffUtils.diff(a, b), 3);
    return unified.isEmpty() ? "no change to " + what : String.join("\n", unified);
  }
}
