package io.glooupgrade.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which harness produced the evidence: the Maven project version (passed by the build as
 * {@code harness.version}) and the git commit of the checkout, read from {@code .git} the way git
 * resolves HEAD (a loose ref or packed-refs), with "-dirty" left to the reader: the record keeps
 * the commit only.
 */
public final class HarnessVersion {

  private HarnessVersion() {
  }

  public static String version() {
    return System.getProperty("harness.version", "unknown");
  }

  /** The commit HEAD points at, or "unknown" outside a git checkout. */
  public static String gitCommit() {
    return gitCommit(Path.of(".git")).orElse("unknown");
  }

  static Optional<String> gitCommit(Path gitDir) {
    try {
      Path headFile = gitDir.resolve("HEAD");
      if (Files.isRegularFile(gitDir)) {
        // A worktree: .git is a file "gitdir: <path>".
        String pointer = Files.readString(gitDir).trim();
        return pointer.startsWith("gitdir:") ? gitCommit(Path.of(pointer.substring(7).trim())) : Optional.empty();
      }
      if (!Files.isRegularFile(headFile)) {
        return Optional.empty();
      }
      String head = Files.readString(headFile).trim();
      if (!head.startsWith("ref:")) {
        return Optional.of(head);
      }
      String ref = head.substring(4).trim();
      Path common = Files.isRegularFile(gitDir.resolve("commondir"))
          ? gitDir.resolve(Files.readString(gitDir.resolve("commondir")).trim()).normalize() : gitDir;
      for (Path dir : new Path[] {gitDir, common}) {
        Path loose = dir.resolve(ref);
        if (Files.isRegularFile(loose)) {
          return Optional.of(Files.readString(loose).trim());
        }
        Path packed = dir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
          for (String line : Files.readAllLines(packed)) {
            if (line.endsWith(" " + ref)) {
              return Optional.of(line.substring(0, line.indexOf(' ')));
            }
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
