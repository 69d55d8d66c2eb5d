package io.glooupgrade.evidence.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code manifest.sha256} of a record folder, in exactly {@code sha256sum}'s format
 * ({@code <64 hex>  <path>}, paths relative to the folder, sorted), over every file but itself:
 * {@code sha256sum -c manifest.sha256} inside the folder verifies it with standard tools.
 * {@link #verify} does the same and also reports files that are in the folder but not in the
 * manifest, which {@code sha256sum -c} ignores.
 */
public final class Sha256Manifest {

  public static final String FILE_NAME = "manifest.sha256";

  private Sha256Manifest() {
  }

  /** Writes the manifest of the folder's files; returns the manifest's own SHA-256, to be kept elsewhere. */
  public static String write(Path folder) {
    StringBuilder manifest = new StringBuilder();
    digests(folder).forEach((path, digest) -> manifest.append(digest).append("  ").append(path).append('\n'));
    try {
      Files.writeString(folder.resolve(FILE_NAME), manifest.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the manifest of " + folder, e);
    }
    return sha256(folder.resolve(FILE_NAME));
  }

  /** What does not match the manifest: changed, missing and unlisted files. Empty when the folder verifies. */
  public static List<String> verify(Path folder) {
    Map<String, String> listed = new TreeMap<>();
    try {
      for (String line : Files.readAllLines(folder.resolve(FILE_NAME))) {
        if (line.length() < 67 || !line.substring(0, 64).matches("[0-9a-f]{64}") || !line.startsWith("  ", 64)) {
          return List.of("malformed manifest line: " + line);
        }
        listed.put(line.substring(66), line.substring(0, 64));
      }
    } catch (IOException e) {
      return List.of("no readable " + FILE_NAME + " in " + folder + ": " + e.getMessage());
    }
    Map<String, String> actual = digests(folder);
    List<String> problems = new ArrayList<>();
    listed.forEach((path, digest) -> {
      if (!actual.containsKey(path)) {
        problems.add(path + ": missing");
      } else if (!actual.get(path).equals(digest)) {
        problems.add(path + ": changed (SHA-256 does not match)");
      }
    });
    actual.keySet().stream().filter(p -> !listed.containsKey(p)).forEach(p -> problems.add(p + ": not in the manifest"));
    return problems;
  }

  // Relative path (with /) -> hex digest, sorted by path as sort(1) in the C locale would.
  private static Map<String, String> digests(Path folder) {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        if (relative.equals(FILE_NAME)) {
          continue;
        }
        if (relative.contains("\\") || relative.contains("\n")) {
          // sha256sum would escape such a name; the record's own names never need it.
          throw new IllegalArgumentException("a record file name cannot contain a backslash or newline: " + relative);
        }
        digests.put(relative, sha256(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    return digests;
  }

  static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
