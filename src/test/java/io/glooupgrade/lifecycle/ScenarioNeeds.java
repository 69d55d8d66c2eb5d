package io.glooupgrade.lifecycle;

import io.glooupgrade.config.HarnessSettings;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.kube.TargetResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a scenario needs of the target, read from its tags: the cluster roles (Federation's
 * management and remotes, else the one cluster) and whether its edition needs a licence key.
 */
public record ScenarioNeeds(List<String> roles, boolean licensed) {

  public ScenarioNeeds {
    roles = List.copyOf(roles);
  }

  /** From a scenario's Cucumber tags ({@code @federation}, ...). */
  public static ScenarioNeeds of(Collection<String> tags) {
    Edition edition = Edition.ofTags(tags);
    return new ScenarioNeeds(edition == Edition.FEDERATION ? HarnessSettings.FEDERATION_CLUSTERS
        : List.of(TargetResolver.DEFAULT_ROLE), edition.licensed());
  }

  /** What a set of scenarios needs together: every role any of them needs, a licence if one does. */
  public static ScenarioNeeds ofAll(Collection<ScenarioNeeds> scenarios) {
    List<String> roles = new ArrayList<>();
    scenarios.forEach(s -> s.roles().stream().filter(r -> !roles.contains(r)).forEach(roles::add));
    return new ScenarioNeeds(roles, scenarios.stream().anyMatch(ScenarioNeeds::licensed));
  }

  /** Whether checking these needs has checked the other's too. */
  public boolean covers(ScenarioNeeds other) {
    return roles.containsAll(other.roles()) && (licensed || !other.licensed());
  }
}
