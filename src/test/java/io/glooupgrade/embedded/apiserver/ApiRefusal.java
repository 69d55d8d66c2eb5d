package io.glooupgrade.embedded.apiserver;

/** A request the embedded API will not serve: answered with a Kubernetes Status, never a guess. */
final class ApiRefusal extends RuntimeException {

  private final int code;
  private final String reason;

  ApiRefusal(int code, String reason, String message) {
    super(message);
    this.code = code;
    this.reason = reason;
  }

  ApiResponse toResponse() {
    return ApiResponse.status(code, reason, getMessage());
  }
}
