package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** An answer of the embedded API before it goes on the wire. */
record ApiResponse(int code, String contentType, byte[] body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static ApiResponse json(int code, String body) {
    return new ApiResponse(code, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  /** A Kubernetes {@code Status} failure, the shape client-go reads its error reason from. */
  static ApiResponse status(int code, String reason, String message) {
    return json(code, statusBody(code, reason, message).toString());
  }

  static ObjectNode statusBody(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    return status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
