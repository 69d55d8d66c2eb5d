package io.glooupgrade.embedded.catalog;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a chart source file into the file of one release: each placeholder ({@code @GLOO_VERSION@}
 * in the gloo chart) becomes its version, and a line that ends in a version marker is kept only
 * where it applies: {@code #@since 1.18} keeps it from minor 1.18 on, {@code #@before 1.19} keeps
 * it in minors older than 1.19. This is how one values.yaml source yields values that differ by
 * release.
 */
final class VersionedChartText {

  /** The gloo (OSS) release; in the gloo-ee chart, the OSS release of its gloo subchart. */
  static final String VERSION_PLACEHOLDER = "@GLOO_VERSION@";
  /** The Gloo Edge Enterprise release, in the gloo-ee chart. */
  static final String ENTERPRISE_VERSION_PLACEHOLDER = "@GLOO_EE_VERSION@";
  /** The Gloo Federation release, in the gloo-fed chart. */
  static final String FEDERATION_VERSION_PLACEHOLDER = "@GLOO_FED_VERSION@";
  private static final Pattern MARKER =
      Pattern.compile("\\s*#@(since|before)\\s+(\\d+)\\.(\\d+)\\s*$");

  private VersionedChartText() {
  }

  /** A gloo chart file: {@code @GLOO_VERSION@} is the release, markers follow it. */
  static String forVersion(String source, GlooVersion version) {
    return forRelease(source, version, Map.of(VERSION_PLACEHOLDER, version.tag()));
  }

  /**
   * Any fixture chart's file: markers follow {@code markerVersion} (the minor is what matters,
   * and an Enterprise release shares its minor with its OSS subchart), placeholders are replaced
   * by their values.
   */
  static String forRelease(String source, GlooVersion markerVersion, Map<String, String> placeholders) {
    StringBuilder out = new StringBuilder(source.length());
    for (String line : source.split("\n", -1)) {
      Matcher m = MARKER.matcher(line);
      if (m.find()) {
        if (!applies(m, markerVersion)) {
          continue;
        }
        line = line.substring(0, m.start());
      }
      for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
        line = line.replace(placeholder.getKey(), placeholder.getValue());
      }
      out.append(line).append('\n');
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
