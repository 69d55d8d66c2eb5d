package io.glooupgrade.evidence;

import io.glooupgrade.lifecycle.HarnessRun;
import io.qameta.allure.Allure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a reviewer needs beside each step: the documented command the step stands for and the
 * output or objects it produced, attached to the running Allure step and echoed to the log.
 */
public final class Evidence {

  private static final Logger LOG = LoggerFactory.getLogger(Evidence.class);

  private Evidence() {
  }

  /** The command of the guide this action is the equivalent of, e.g. {@code helm upgrade ...}. */
  public static void documentedCommand(String command) {
    LOG.info("$ {}", command);
    HarnessRun.current().plan().performed(command);
    Allure.addAttachment("$ " + shortened(command), "text/plain", command, ".txt");
  }

  /**
   * A documented command that no binary runs here: the harness does its equivalent (a glooctl
   * command without harness.glooctl). Planned and logged like any other, but its attachment says
   * it is the harness's equivalent, so no reader takes it for a command that ran.
   */
  public static void standInFor(String command) {
    LOG.info("$ {}   # harness equivalent", command);
    HarnessRun.current().plan().performed(command);
    Allure.addAttachment("harness equivalent of $ " + shortened(command), "text/plain", command, ".txt");
  }

  /** Where a step performs several parts (the hops of the incremental path): a plan prints each part's commands under it. */
  public static void part(String title) {
    LOG.info("-- {}", title);
    HarnessRun.current().plan().part(title);
  }

  public static void text(String name, String content) {
    Allure.addAttachment(name, "text/plain", content, ".txt");
  }

  public static void yaml(String name, String content) {
    Allure.addAttachment(name, "text/yaml", content, ".yaml");
  }

  public static void json(String name, String content) {
    Allure.addAttachment(name, "application/json", content, ".json");
  }

  public static void png(String name, byte[] image) {
    Allure.addAttachment(name, "image/png", new java.io.ByteArrayInputStream(image), ".png");
  }

  private static String shortened(String command) {
    String oneLine = command.trim().replaceAll("\\s+", " ");
    return oneLine.length() <= 90 ? oneLine : oneLine.substring(0, 87) + "...";
  }
}
