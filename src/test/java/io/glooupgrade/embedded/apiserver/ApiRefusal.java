package io.glooupgrade.embedded.apiserver;

/** A request the embedded API will not serve: answered with a Kubernetes Status, never a guess. */
final class ApiRefusal extends RuntimeException {

  private final int code;
  private final String reason;
  private boolean expected;

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

  boolean expected() {
    return expected;
  }

  ApiResponse toResponse() {
    return ApiResponse.status(code, reason, getMessage());
  }
}
