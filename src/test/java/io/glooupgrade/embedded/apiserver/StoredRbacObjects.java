package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The RBAC objects read straight from the CRUD store, on every call: a binding counts once stored. */
final class StoredRbacObjects implements RbacObjects {

  private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1";

  /** Path -> the stored object or list at that path, or empty. */
  private final Function<String, Optional<JsonNode>> store;

  StoredRbacObjects(Function<String, Optional<JsonNode>> store) {
    this.store = store;
  }

  @Override
  public List<JsonNode> clusterRoleBindings() {
    return items(RBAC + "/clusterrolebindings");
  }

  @Override
  public List<JsonNode> roleBindings(String namespace) {
    return items(RBAC + "/namespaces/" + namespace + "/rolebindings");
  }

  @Override
  public Optional<JsonNode> clusterRole(String name) {
    return store.apply(RBAC + "/clusterroles/" + name);
  }

  @Override
  public Optional<JsonNode> role(String namespace, String name) {
    return store.apply(RBAC + "/namespaces/" + namespace + "/roles/" + name);
  }

  private List<JsonNode> items(String path) {
    List<JsonNode> items = new ArrayList<>();
    store.apply(path).ifPresent(list -> list.path("items").forEach(items::add));
    return items;
  }
}
