package io.glooupgrade.selftest.matrix;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The harness classes that caught a problem, read from what the failing step threw: each class of
 * the harness (not the twin, not the self-tests) on its stack or its causes' stacks, innermost first.
 */
public final class Catchers {

  private static final String HARNESS = "io.glooupgrade.";

  private Catchers() {
  }

  public static List<String> of(Throwable thrown) {
    Set<String> names = new LinkedHashSet<>();
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        String cls = frame.getClassName();
        if (cls.startsWith(HARNESS) && !cls.startsWith(HARNESS + "embedded.") && !cls.startsWith(HARNESS + "selftest.")) {
          String simple = cls.substring(cls.lastIndexOf('.') + 1);
          names.add(simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple);
        }
      }
    }
    return List.copyOf(names);
  }
}
