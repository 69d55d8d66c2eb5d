package io.glooupgrade.gloo.glooctl;

import io.glooupgrade.evidence.Evidence;

/**
 * Evidence the harness itself made for a documented command: titled as the harness's, never as the
 * command's own output, and holding what was actually done or found, not a made-up CLI text.
 */
public final class HarnessEquivalent {

  private HarnessEquivalent() {
  }

  /** Where no glooctl is configured: the harness stood in for the command. */
  public static void attach(GlooctlCommand command, String what, String content) {
    attach(command.shown(), what, content);
  }

  /** The same for any documented command the harness does through the API (kubectl, say). */
  public static void attach(String command, String what, String content) {
    Evidence.text(title(command, what), content);
  }

  /** Where glooctl ran too: the harness's own verdict, computed beside it. */
  public static void attachVerdict(GlooctlCommand command, String content) {
    Evidence.text("the harness's own verdict beside `" + command.shown() + "`", content);
  }

  public static String title(String command, String what) {
    return "harness equivalent of `" + command + "`" + (command.startsWith("glooctl ")
        ? " (no glooctl configured)" : "") + ": " + what;
  }
}
