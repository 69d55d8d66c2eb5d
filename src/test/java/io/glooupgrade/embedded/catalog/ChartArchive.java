package io.glooupgrade.embedded.catalog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A packaged Helm chart ({@code gloo-1.18.41.tgz}): what a Helm repository serves and lists in
 * its index. The bytes are kept in memory so that repositories serve them without disk reads, as
 * a Latin-1 string: immutable (the catalog shares its archives between runs), one byte per
 * character (compact strings), and every byte value maps to one character and back.
 */
public final class ChartArchive {

  private final String name;
  private final String version;
  private final String appVersion;
  private final String description;
  private final Path file;
  private final String content;
  private final String digest;
  private final Instant created;

  ChartArchive(String name, String version, String appVersion, String description, Path file,
      byte[] content, String digest, Instant created) {
    this.name = name;
    this.version = version;
    this.appVersion = appVersion;
    this.description = description;
    this.file = file;
    this.content = new String(content, StandardCharsets.ISO_8859_1);
    this.digest = digest;
    this.created = created;
  }

  /** Chart name, e.g. {@code gloo}. */
  public String name() {
    return name;
  }

  /** Chart version, e.g. {@code 1.18.41}. */
  public String version() {
    return version;
  }

  public String appVersion() {
    return appVersion;
  }

  public String description() {
    return description;
  }

  /** {@code gloo-1.18.41.tgz}, as Helm names a packaged chart. */
  public String fileName() {
    return name + "-" + version + ".tgz";
  }

  /** The archive on disk, for Helm commands that take a chart path. */
  public Path file() {
    return file;
  }

  /** sha256 of the archive, hex, as a Helm repository index lists it. */
  public String digest() {
    return digest;
  }

  public Instant created() {
    return created;
  }

  /** A copy of the archive's bytes. */
  public byte[] content() {
    return content.getBytes(StandardCharsets.ISO_8859_1);
  }

  byte[] contentForServing() {
    return content.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return fileName() + " (sha256 " + digest + ")";
  }
}
