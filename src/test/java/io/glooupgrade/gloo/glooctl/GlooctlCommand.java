package io.glooupgrade.gloo.glooctl;

import java.util.ArrayList;
import java.util.List;

/**
 * One documented glooctl command: its arguments, and the values among them that must never be
 * shown (a licence key). The same text is recorded whether the configured binary runs it or the
 * harness stands in for it, so a reviewer can replay exactly what was checked.
 */
public record GlooctlCommand(List<String> args, List<String> secrets) {

  private static final String MASK = "********";

  public GlooctlCommand {
    args = List.copyOf(args);
    secrets = List.copyOf(secrets);
  }

  public static GlooctlCommand of(String... args) {
    return new GlooctlCommand(List.of(args), List.of());
  }

  /** The same command with a value that is passed on but shown masked (e.g. {@code --license-key KEY}). */
  public GlooctlCommand withSecret(String flag, String value) {
    List<String> more = new ArrayList<>(args);
    more.add(flag);
    more.add(value);
    List<String> hidden = new ArrayList<>(secrets);
    hidden.add(value);
    return new GlooctlCommand(more, hidden);
  }

  public GlooctlCommand with(String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return new GlooctlCommand(all, secrets);
  }

  /** The command line as evidence shows it: {@code glooctl ...}, every secret masked. */
  public String shown() {
    return masked("glooctl " + String.join(" ", args));
  }

  /** Any text with this command's secrets masked (a binary could echo its arguments). */
  public String masked(String text) {
    String out = text;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  public static GlooctlCommand version(String namespace) {
    return of("version", "-n", namespace);
  }

  public static GlooctlCommand check(String namespace) {
    return of("check", "-n", namespace);
  }

  public static GlooctlCommand checkCrds(String namespace, String glooChartVersion) {
    return of("check-crds", "-n", namespace, "--version", glooChartVersion);
  }

  public static GlooctlCommand uninstall(String namespace) {
    return of("uninstall", "-n", namespace);
  }

  public static GlooctlCommand uninstallFederation(String namespace) {
    return of("uninstall", "federation", "-n", namespace);
  }

  /** Upgrade Steps, step 3: glooctl replaces itself with the release's binary. */
  public static GlooctlCommand upgrade(String release) {
    return of("upgrade", "--release", release);
  }

  public static GlooctlCommand clusterRegister(String clusterName, String remoteContext, String federationNamespace,
      String remoteNamespace) {
    return of("cluster", "register", "--cluster-name", clusterName, "--remote-context", remoteContext,
        "--federation-namespace", federationNamespace, "--remote-namespace", remoteNamespace);
  }

  public static GlooctlCommand clusterDeregister(String clusterName, String federationNamespace,
      String remoteNamespace) {
    return of("cluster", "deregister", "--cluster-name", clusterName, "--federation-namespace", federationNamespace,
        "--remote-namespace", remoteNamespace);
  }
}
