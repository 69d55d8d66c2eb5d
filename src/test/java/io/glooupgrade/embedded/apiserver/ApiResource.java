package io.glooupgrade.embedded.apiserver;

import java.util.List;
import java.util.Locale;

/**
 * One kind the embedded API serves, as discovery describes it: besides its name and scope, the
 * verbs, short names and categories a real kubectl resolves {@code get ns} or {@code get all} with.
 */
public record ApiResource(String group, String version, String plural, String kind, boolean namespaced,
    String singular, List<String> verbs, List<String> shortNames, List<String> categories) {

  /** What a real API server lists for a kind that is stored and served in full. */
  public static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  public ApiResource {
    verbs = List.copyOf(verbs);
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
  }

  /** A kind served with every verb, no short names and no categories; singular is the lower-case kind. */
  public ApiResource(String group, String version, String plural, String kind, boolean namespaced) {
    this(group, version, plural, kind, namespaced, kind.toLowerCase(Locale.ROOT), ALL_VERBS, List.of(), List.of());
  }

  public ApiResource withShortNames(String... names) {
    return new ApiResource(group, version, plural, kind, namespaced, singular, verbs, List.of(names), categories);
  }

  public ApiResource withCategories(String... names) {
    return new ApiResource(group, version, plural, kind, namespaced, singular, verbs, shortNames, List.of(names));
  }

  public ApiResource withVerbs(String... names) {
    return new ApiResource(group, version, plural, kind, namespaced, singular, List.of(names), shortNames, categories);
  }

  public ApiResource withSingular(String name) {
    return new ApiResource(group, version, plural, kind, namespaced, name, verbs, shortNames, categories);
  }

  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
