package io.glooupgrade.embedded.apiserver;

/** One kind the embedded API serves, as discovery describes it. */
public record ApiResource(String group, String version, String plural, String kind, boolean namespaced) {

  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String singular() {
    return kind.toLowerCase(java.util.Locale.ROOT);
  }
}
