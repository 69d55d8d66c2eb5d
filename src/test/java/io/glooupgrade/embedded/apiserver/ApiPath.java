package io.glooupgrade.embedded.apiserver;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A resource path of the Kubernetes API, split into its parts:
 * {@code /api/v1/namespaces/ns/pods/name/status} or {@code /apis/group/version/...}.
 */
public record ApiPath(String group, String version, String namespace, String plural, String name,
    String subresource, String query) {

  public static Optional<ApiPath> parse(String rawPath) {
    int q = rawPath.indexOf('?');
    String path = q < 0 ? rawPath : rawPath.substring(0, q);
    String query = q < 0 ? "" : rawPath.substring(q + 1);
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    int i;
    String group;
    if (parts.size() >= 3 && parts.get(0).equals("api")) {
      group = "";
      i = 1;
    } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      i = 2;
    } else {
      return Optional.empty();
    }
    String version = parts.get(i++);
    String namespace = null;
    List<String> rest = parts.subList(i, parts.size());
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.isEmpty() || rest.size() > 3) {
      return Optional.empty();
    }
    return Optional.of(new ApiPath(group, version, namespace, rest.get(0),
        rest.size() > 1 ? rest.get(1) : null, rest.size() > 2 ? rest.get(2) : null, query));
  }

  public boolean isCollection() {
    return name == null;
  }

  public boolean isWatch() {
    return query.contains("watch=true") || query.contains("watch=1");
  }

  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The path of the named object, without subresource or query. */
  public String objectPath(String objectName) {
    StringBuilder b = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
    if (namespace != null) {
      b.append("/namespaces/").append(namespace);
    }
    return b.append('/').append(plural).append('/').append(objectName).toString();
  }
}
