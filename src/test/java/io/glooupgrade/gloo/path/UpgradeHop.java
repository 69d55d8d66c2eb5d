package io.glooupgrade.gloo.path;

/** One upgrade of the documented incremental path: {@code number} of {@code of}, from a version to the next stop. */
public record UpgradeHop(int number, int of, String from, String to, String why) {

  /** How reports name it: {@code hop 2 of 3: 1.17.38 -> 1.18.41 (latest patch of 1.18)}. */
  public String label() {
    return "hop " + number + " of " + of + ": " + from + " -> " + to + " (" + why + ")";
  }
}
