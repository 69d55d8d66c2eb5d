package io.glooupgrade.selftest.matrix;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The path of a file of src/test/resources/samples, for settings that name a file. */
final class SampleFiles {

  private SampleFiles() {
  }

  static String path(String name) {
    try {
      return Path.of(SampleFiles.class.getResource("/samples/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
