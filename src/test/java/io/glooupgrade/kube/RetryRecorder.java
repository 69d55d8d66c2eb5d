package io.glooupgrade.kube;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the failed attempts fabric8 itself retries (its StandardHttpClient, 7.6.1: a 429 or any
 * 5xx answer, or an IOException such as a connection reset, after its backoff; a Retry-After is
 * waited for by {@link RetryAfterHold} first), into {@link ApiRetries}. Sees only the method, the
 * path and the status or error: never a header value other than Retry-After, nor a body.
 */
final class RetryRecorder implements Interceptor {

  static final String NAME = "harness-api-retries";

  private final ApiRetryPolicy policy;
  private final ApiRetries retries;
  // fabric8 copies a request for each attempt (a new id each time): consecutive failures are
  // counted by method and URI instead, and forgotten on the first answer that is not one.
  private final Map<String, Integer> failedAttempts = new ConcurrentHashMap<>();

  RetryRecorder(ApiRetryPolicy policy, ApiRetries retries) {
    this.policy = policy;
    this.retries = retries;
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    int code = response.code();
    if (code == 429 || code >= 500) {
      long retryAfter = retryAfterMillis(response.header("Retry-After"));
      failed(request, "HTTP " + code + (retryAfter > 0 ? ", Retry-After " + retryAfter / 1000 + " s" : ""), retryAfter);
    } else {
      failedAttempts.remove(key(request));
    }
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof IOException) {
      failed(request, cause.getClass().getSimpleName() + ": " + cause.getMessage(), 0);
    }
  }

  private void failed(HttpRequest request, String failure, long retryAfterMillis) {
    String key = key(request);
    int attempt = failedAttempts.merge(key, 1, Integer::sum);
    long delay = -1;
    if (attempt > policy.retries()) {
      failedAttempts.remove(key);
    } else {
      delay = RetryAfterHold.holdMillis(policy, retryAfterMillis) + policy.delayBefore(attempt).toMillis();
    }
    retries.record(new ApiRetries.Retry(request.method(), ApiRetries.pathOf(request.uri()), failure, attempt, delay));
  }

  private static String key(HttpRequest request) {
    return request.method() + " " + request.uri();
  }

  // As fabric8 reads it: seconds, or an HTTP date.
  static long retryAfterMillis(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim()) * 1000;
    } catch (NumberFormatException e) {
      try {
        return Math.max(0, java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
            .toEpochSecond() * 1000 - System.currentTimeMillis());
      } catch (java.time.format.DateTimeParseException notADate) {
        return 0;
      }
    }
  }
}
