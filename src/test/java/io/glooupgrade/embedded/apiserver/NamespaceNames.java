package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * The real API's validation of a Namespace's name: an RFC 1123 label (lower-case alphanumerics and
 * '-', at most 63 characters), so {@code gloo-system-1.19.20} is refused, as on a cluster, and a
 * Service's DNS name {@code svc.ns.svc.cluster.local} always has one dot per part.
 */
final class NamespaceNames {

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private NamespaceNames() {
  }

  static boolean createsNamespace(ApiPath api) {
    return api.group().isEmpty() && api.plural().equals("namespaces") && api.subresource() == null;
  }

  static void checkCreate(JsonNode namespace) {
    String name = namespace.path("metadata").path("name").asText();
    if (name.length() > 63 || !DNS1123_LABEL.matcher(name).matches()) {
      throw new ApiRefusal(422, "Invalid", "Namespace \"" + name + "\" is invalid: metadata.name: Invalid value: \""
          + name + "\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
          + "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
          + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }
  }
}
