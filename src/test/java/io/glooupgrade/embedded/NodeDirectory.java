package io.glooupgrade.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The embedded node's folder, where containers find their volumes: a temporary folder that
 * containers running as another user (their runAsUser) may pass through but not list.
 */
final class NodeDirectory {

  private NodeDirectory() {
  }

  static Path create(String cluster) {
    try {
      Path dir = Files.createTempDirectory("embedded-node-" + cluster + "-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
