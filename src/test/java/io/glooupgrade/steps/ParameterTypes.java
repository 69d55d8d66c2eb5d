package io.glooupgrade.steps;

import io.cucumber.java.ParameterType;
import io.glooupgrade.world.VersionRole;

/** The parameter types every feature uses. */
public final class ParameterTypes {

  /** current, new or rollback: the versions the guides name. */
  @ParameterType(VersionRole.WORDS)
  public VersionRole versionRole(String word) {
    return VersionRole.named(word);
  }
}
