package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One rule of a Role or ClusterRole, matched as the real RBAC authoriser's RuleAllows matches it:
 * verbs and API groups by name or {@code *}; resources by name, {@code resource/subresource},
 * {@code *} or {@code *}/subresource; resourceNames, when listed, must name the object (so they
 * never allow a create or a list without a name); non-resource URLs by path or prefix {@code /x/*}.
 */
record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources, List<String> resourceNames,
    List<String> nonResourceUrls) {

  private static final String ALL = "*";

  static PolicyRule from(JsonNode rule) {
    return new PolicyRule(texts(rule.path("verbs")), texts(rule.path("apiGroups")), texts(rule.path("resources")),
        texts(rule.path("resourceNames")), texts(rule.path("nonResourceURLs")));
  }

  /** A rule for the given non-resource URLs and verbs (the bootstrap policy's). */
  static PolicyRule nonResource(List<String> verbs, List<String> urls) {
    return new PolicyRule(verbs, List.of(), List.of(), List.of(), urls);
  }

  /** A rule for the given resources of one API group (the bootstrap policy's). */
  static PolicyRule resources(List<String> verbs, String apiGroup, List<String> resources) {
    return new PolicyRule(verbs, List.of(apiGroup), resources, List.of(), List.of());
  }

  boolean allows(RequestInfo request) {
    if (!matches(verbs, request.verb())) {
      return false;
    }
    if (!request.resourceRequest()) {
      return nonResourceUrls.stream().anyMatch(url -> url.equals(ALL) || url.equals(request.path())
          || (url.endsWith(ALL) && request.path().startsWith(url.substring(0, url.length() - 1))));
    }
    return matches(apiGroups, request.apiGroup())
        && resourceMatches(request.combinedResource(), request.subresource())
        && (resourceNames.isEmpty() || (!request.name().isEmpty() && resourceNames.contains(request.name())));
  }

  private boolean resourceMatches(String combined, String subresource) {
    for (String resource : resources) {
      if (resource.equals(ALL) || resource.equals(combined)
          || (!subresource.isEmpty() && resource.equals(ALL + "/" + subresource))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(List<String> allowed, String value) {
    return allowed.contains(ALL) || allowed.contains(value);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
