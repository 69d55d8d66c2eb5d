package io.glooupgrade.gloo.path;

import io.glooupgrade.gloo.install.UpgradePath;
import io.glooupgrade.helm.SemanticVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The documented incremental path as hops (Upgrade Steps, step 1): the latest patch of the current
 * minor first, then the latest patch of each next minor, the new version last. A path with a minor
 * the repository does not offer, or one that does not go up, is refused before anything changes.
 */
public record PathPlan(String chart, String from, String to, List<UpgradeHop> hops) {

  /** Plans the path over what the repository offers. */
  public static PathPlan of(UpgradePath offered, String chart, String from, String to) {
    if (SemanticVersion.parse(to).compareTo(SemanticVersion.parse(from)) <= 0) {
      throw new UnofferedPathException("no upgrade path from " + from + " to " + to + ": the new version must be "
          + "newer than the current one");
    }
    List<UpgradePath.Stop> stops = offered.stops(from, to);
    List<String> gaps = stops.stream().filter(s -> s.version().endsWith(".x")).map(UpgradePath.Stop::why).toList();
    if (!gaps.isEmpty()) {
      throw new UnofferedPathException("the documented path from " + from + " to " + to + " cannot be performed: "
          + String.join("; ", gaps) + ". Nothing was changed. " + offered.describe(from, to));
    }
    List<UpgradeHop> hops = new ArrayList<>();
    String previous = from;
    for (UpgradePath.Stop stop : stops) {
      hops.add(new UpgradeHop(hops.size() + 1, stops.size(), previous, stop.version(), stop.why()));
      previous = stop.version();
    }
    return new PathPlan(chart, from, to, List.copyOf(hops));
  }

  /** The plan as a reviewer reads it, one hop per line. */
  public String describe() {
    return "The documented path of " + chart + " from " + from + " to " + to + ", one minor at a time "
        + "(Upgrade Steps, step 1):\n" + hops.stream().map(h -> "  " + h.label()).collect(Collectors.joining("\n"));
  }
}
