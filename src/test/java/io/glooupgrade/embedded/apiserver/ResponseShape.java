package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;

/**
 * Behaviours 3, 4 and 5: what client-go needs of every answer. A JSON content type (else it
 * decodes as protobuf and fails), typed list kinds ({@code SecretList}, not {@code List}, else it
 * silently sees an empty list), and Status errors whose reason names the failure
 * (NotFound, AlreadyExists, Conflict, Invalid), which IsAlreadyExists/IsConflict read.
 */
final class ResponseShape {

  private final ObjectMapper json = new ObjectMapper();
  private final ApiResourceTable table;

  ResponseShape(ApiResourceTable table) {
    this.table = table;
  }

  MockResponse finish(HttpMethod method, ApiPath api, ApiResource resource, MockResponse response) {
    if (response.getWebSocketListener() != null) {
      return response;
    }
    int code = response.code();
    String body = response.getBody() == null ? "" : response.getBody().readUtf8();
    if (code >= 400) {
      body = errorStatus(method, api, resource, code, body).toString();
    } else if (method == HttpMethod.GET && api.isCollection() && !body.isEmpty()) {
      body = typedList(api, resource, body);
    }
    return response.removeHeader("Content-Type").setHeader("Content-Type", "application/json").setBody(body);
  }

  private String typedList(ApiPath api, ApiResource resource, String body) {
    ObjectNode list = (ObjectNode) parse(body);
    if ("List".equals(list.path("kind").asText())) {
      list.put("kind", resource.kind() + "List").put("apiVersion", api.groupVersion());
    }
    return list.toString();
  }

  private ObjectNode errorStatus(HttpMethod method, ApiPath api, ApiResource resource, int code, String body) {
    String reason = switch (code) {
      case 404 -> "NotFound";
      case 409 -> method == HttpMethod.POST ? "AlreadyExists" : "Conflict";
      case 400, 422 -> "Invalid";
      case 405 -> "MethodNotAllowed";
      case 415 -> "UnsupportedMediaType";
      default -> "InternalError";
    };
    JsonNode original = body.isEmpty() ? json.createObjectNode() : parse(body);
    String message = original.path("message").asText("");
    if (message.isEmpty()) {
      message = switch (reason) {
        case "NotFound" -> resource.plural() + " \"" + api.name() + "\" not found";
        case "AlreadyExists" -> resource.plural() + " already exists";
        default -> reason;
      };
    }
    ObjectNode status = ApiResponse.statusBody(code == 422 ? 422 : code, reason, message);
    ObjectNode details = status.putObject("details").put("kind", resource.plural()).put("group", resource.group());
    if (api.name() != null) {
      details.put("name", api.name());
    }
    return status;
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return json.createObjectNode().put("message", body);
    }
  }
}
