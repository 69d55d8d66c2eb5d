package io.glooupgrade.helm;

import java.util.List;

/** A version the repository does not offer; lists the versions it does. */
public final class UnknownChartVersionException extends RuntimeException {

  public UnknownChartVersionException(String chart, String version, List<String> offered) {
    super("chart " + chart + " has no version " + version + "; the repository offers: "
        + (offered.isEmpty() ? "(none)" : String.join(", ", offered)));
  }
}
