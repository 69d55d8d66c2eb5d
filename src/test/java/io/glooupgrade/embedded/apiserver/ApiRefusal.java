package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request the embedded API will not serve: answered with a Kubernetes Status, never a guess. */
final class ApiRefusal extends RuntimeException {

  private final int code;
  private final String reason;
  private boolean expected;
  private ObjectNode details;

  ApiRefusal(int code, String reason, String message) {
    super(message);
    this.code = code;
    this.reason = reason;
  }

  /** Marks an ordinary refusal (a 404 on delete, a Go watch) that needs no warning in the log. */
  ApiRefusal asExpected() {
    this.expected = true;
    return this;
  }

  /** The Status {@code details} (name, group, kind, causes) that clients read field errors from. */
  ApiRefusal withDetails(ObjectNode statusDetails) {
    this.details = statusDetails;
    return this;
  }

  boolean expected() {
    return expected;
  }

  ApiResponse toResponse() {
    ObjectNode status = ApiResponse.statusBody(code, reason, getMessage());
    if (details != null) {
      status.set("details", details);
    }
    return ApiResponse.json(code, status.toString());
  }
}
