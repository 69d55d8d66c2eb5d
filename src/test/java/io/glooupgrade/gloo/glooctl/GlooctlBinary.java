package io.glooupgrade.gloo.glooctl;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.evidence.Evidence;
import io.glooupgrade.kube.KubeContext;
import io.glooupgrade.kube.WaitTimeout;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The real glooctl, when the run names one (harness.glooctl): each documented command runs that
 * binary against the scenario's cluster, for at most harness.timeout.glooctl, and its exit code,
 * stdout and stderr are attached as they are (secrets masked).
 *
 * <p>The cluster is passed as {@code KUBECONFIG}: each context's kubeconfig file has that context
 * as its current one, and every client-go program (glooctl included) reads the variable, also a
 * list of files for {@code cluster register}'s {@code --remote-context}. GLOO_FACTS.md does not
 * list glooctl's kubeconfig or context flags, so none is passed.
 *
 * <p>Plain {@link ProcessBuilder}: neither zt-exec nor commons-exec is on the test classpath, and a
 * bounded {@code waitFor} with output redirected to files (no pipe to drain, so a child that keeps
 * the pipe open cannot block us) is all this needs.
 */
public final class GlooctlBinary {

  /** How long a killed binary may take to go; a guard, not a wait on anything. */
  private static final Duration REAP = Duration.ofSeconds(10);

  private final Path binary;
  private final Duration timeout;

  public GlooctlBinary(Path binary, Duration timeout) {
    this.binary = binary;
    this.timeout = timeout;
  }

  /**
   * The binary the run configures (harness.glooctl), with harness.timeout.glooctl; none by default,
   * and none in plan mode: a plan changes nothing, and {@code glooctl upgrade --release} would
   * replace the binary itself, so the rehearsal runs the harness's equivalents.
   */
  public static Optional<GlooctlBinary> configured() {
    HarnessSettings settings = HarnessSettings.fromEnvironment();
    if (settings.plan()) {
      return Optional.empty();
    }
    return settings.glooctl().map(path -> new GlooctlBinary(path, WaitTimeout.GLOOCTL.duration()));
  }

  public Path path() {
    return binary;
  }

  /**
   * Runs the command against the clusters (the first one's context is the current one), attaching
   * what it did; a binary that outlives the timeout is killed, with its children, and fails the step.
   */
  public GlooctlRun run(GlooctlCommand command, List<KubeContext> clusters) {
    String shown = command.shown();
    Evidence.documentedCommand(shown);
    String kubeconfig = clusters.stream().map(c -> c.kubeconfig().toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
    Evidence.text("glooctl run: " + shown, "binary: " + binary + "\nKUBECONFIG=" + kubeconfig
        + "\ncontext: " + (clusters.isEmpty() ? "-" : clusters.get(0).name()) + " (the current context of "
        + "the first file)\ntimeout: " + timeout.toSeconds() + " s (" + WaitTimeout.GLOOCTL.key() + ")");
    List<String> commandLine = new ArrayList<>();
    commandLine.add(binary.toString());
    commandLine.addAll(command.args());
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("glooctl-", ".stdout");
      stderr = Files.createTempFile("glooctl-", ".stderr");
      ProcessBuilder builder = new ProcessBuilder(commandLine).redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().put("KUBECONFIG", kubeconfig);
      Process process = builder.start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        // Children first: once the parent is gone they are no longer its descendants.
        process.descendants().toList().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(REAP.toMillis(), TimeUnit.MILLISECONDS);
        GlooctlRun killed = attach(new GlooctlRun(shown, -1, command.masked(read(stdout)),
            command.masked(read(stderr))));
        throw new AssertionError("`" + shown + "` did not finish within " + timeout.toSeconds() + " s ("
            + WaitTimeout.GLOOCTL.key() + ") and was killed; what it printed until then:\n--- stdout ---\n"
            + killed.stdout() + "\n--- stderr ---\n" + killed.stderr());
      }
      return attach(new GlooctlRun(shown, process.exitValue(), command.masked(read(stdout)),
          command.masked(read(stderr))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + binary + " (" + shown + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + shown + " ran", e);
    } finally {
      delete(stdout);
      delete(stderr);
    }
  }

  /** The same, failing the step quoting the output when the binary exits non-zero. */
  public GlooctlRun runOrFail(GlooctlCommand command, List<KubeContext> clusters) {
    return run(command, clusters).requireSuccess();
  }

  private static GlooctlRun attach(GlooctlRun run) {
    Evidence.text("glooctl exit code: " + run.command(), run.exitCode() == -1 ? "none: killed at the timeout"
        : String.valueOf(run.exitCode()));
    Evidence.text("glooctl stdout: " + run.command(), run.stdout());
    Evidence.text("glooctl stderr: " + run.command(), run.stderr());
    return run;
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
  }
}
