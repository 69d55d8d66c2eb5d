package io.glooupgrade.embedded.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a chart source file into the file of one release: {@code @GLOO_VERSION@} becomes the
 * release, and a line that ends in a version marker is kept only where it applies:
 * {@code #@since 1.18} keeps it from minor 1.18 on, {@code #@before 1.19} keeps it in minors
 * older than 1.19. This is how one values.yaml source yields values that differ by release.
 */
final class VersionedChartText {

  static final String VERSION_PLACEHOLDER = "@GLOO_VERSION@";
  private static final Pattern MARKER =
      Pattern.compile("\\s*#@(since|before)\\s+(\\d+)\\.(\\d+)\\s*$");

  private VersionedChartText() {
  }

  static String forVersion(String source, GlooVersion version) {
    StringBuilder out = new StringBuilder(source.length());
    for (String line : source.split("\n", -1)) {
      Matcher m = MARKER.matcher(line);
      if (m.find()) {
        if (!applies(m, version)) {
          continue;
        }
        line = line.substring(0, m.start());
      }
      out.append(line.replace(VERSION_PLACEHOLDER, version.tag())).append('\n');
    }
    out.setLength(out.length() - 1); // split(-1) gave one more line than there were newlines
    return out.toString();
  }

  private static boolean applies(Matcher marker, GlooVersion version) {
    GlooVersion minor = new GlooVersion(Integer.parseInt(marker.group(2)),
        Integer.parseInt(marker.group(3)), 0);
    boolean atLeast = version.compareTo(minor) >= 0;
    return marker.group(1).equals("since") == atLeast;
  }
}
