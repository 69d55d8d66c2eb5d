package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** The RBAC objects as stored in this API right now: what the authoriser reads on every request. */
interface RbacObjects {

  List<JsonNode> clusterRoleBindings();

  List<JsonNode> roleBindings(String namespace);

  Optional<JsonNode> clusterRole(String name);

  Optional<JsonNode> role(String namespace, String name);
}
