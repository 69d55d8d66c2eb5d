package io.glooupgrade.embedded.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a request asks, in the terms RBAC decides on, derived from its method and path as the real
 * API server's RequestInfoFactory derives it: a resource request (verb, API group, namespace,
 * resource, subresource, name) or a non-resource one (verb and path). The verb comes from the
 * method, and a GET or DELETE without a name is a list, watch ({@code ?watch=true}) or
 * deletecollection; a list or watch whose field selector is exactly {@code metadata.name=X} is
 * about X. A namespace's own requests ({@code /api/v1/namespaces/X}) are in namespace X.
 */
record RequestInfo(boolean resourceRequest, String verb, String path, String apiGroup, String apiVersion,
    String namespace, String resource, String subresource, String name) {

  private static final Set<String> API_PREFIXES = Set.of("api", "apis");
  private static final Set<String> SPECIAL_VERBS = Set.of("proxy", "watch");
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  static RequestInfo nonResource(String verb, String path) {
    return new RequestInfo(false, verb, path, "", "", "", "", "", "");
  }

  static RequestInfo resource(String verb, String apiGroup, String namespace, String resource, String subresource,
      String name) {
    return new RequestInfo(true, verb, "", nz(apiGroup), "", nz(namespace), nz(resource), nz(subresource), nz(name));
  }

  static RequestInfo of(String method, String rawPath) {
    int q = rawPath.indexOf('?');
    String path = q < 0 ? rawPath : rawPath.substring(0, q);
    String query = q < 0 ? "" : rawPath.substring(q + 1);
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    String lowerMethod = method.toLowerCase(Locale.ROOT);
    if (parts.size() < 3 || !API_PREFIXES.contains(parts.get(0))) {
      return nonResource(lowerMethod, path);
    }
    List<String> rest = parts.subList(1, parts.size());
    String group = "";
    if (parts.get(0).equals("apis")) {
      if (rest.size() < 3) {
        return nonResource(lowerMethod, path);
      }
      group = rest.get(0);
      rest = rest.subList(1, rest.size());
    }
    String version = rest.get(0);
    rest = rest.subList(1, rest.size());
    if (rest.isEmpty()) {
      return nonResource(lowerMethod, path);
    }
    String verb;
    if (SPECIAL_VERBS.contains(rest.get(0)) && rest.size() >= 2) {
      verb = rest.get(0);
      rest = rest.subList(1, rest.size());
    } else {
      verb = switch (method.toUpperCase(Locale.ROOT)) {
        case "POST" -> "create";
        case "GET", "HEAD" -> "get";
        case "PUT" -> "update";
        case "PATCH" -> "patch";
        case "DELETE" -> "delete";
        default -> "";
      };
    }
    String namespace = "";
    if (rest.get(0).equals("namespaces") && rest.size() > 1) {
      namespace = rest.get(1);
      if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
        rest = rest.subList(2, rest.size());
      }
    }
    String resource = rest.get(0);
    String name = rest.size() >= 2 ? rest.get(1) : "";
    String subresource = rest.size() >= 3 ? rest.get(2) : "";
    if (name.isEmpty() && verb.equals("get")) {
      verb = isTrue(parameter(query, "watch")) ? "watch" : "list";
      name = exactName(parameter(query, "fieldSelector"));
    }
    if (name.isEmpty() && verb.equals("delete")) {
      verb = "deletecollection";
    }
    return new RequestInfo(true, verb, path, group, version, namespace, resource, subresource, name);
  }

  /** The resource with its subresource, as RBAC rules name it ({@code pods/log}). */
  String combinedResource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  private static String exactName(String fieldSelector) {
    if (fieldSelector == null) {
      return "";
    }
    String[] terms = fieldSelector.split(",");
    if (terms.length != 1) {
      return "";
    }
    String term = terms[0].trim();
    for (String operator : new String[] {"==", "="}) {
      if (term.startsWith("metadata.name" + operator)) {
        String value = term.substring(("metadata.name" + operator).length());
        return value.contains("/") || value.contains("%") || value.equals(".") || value.equals("..") ? "" : value;
      }
    }
    return "";
  }

  private static String parameter(String query, String key) {
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (k.equals(key)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static boolean isTrue(String value) {
    return value != null && Set.of("1", "t", "T", "true", "TRUE", "True").contains(value);
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }
}
