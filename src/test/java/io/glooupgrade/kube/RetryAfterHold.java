package io.glooupgrade.kube;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes fabric8 wait for a 429's or 503's Retry-After. fabric8 7.6.1 decides to retry them and
 * reads the header, but schedules the retry after its own backoff only (its AsyncUtils drops the
 * value, the gap fabric8io/kubernetes-client#6366 describes). This holds such an answer for its
 * Retry-After before fabric8 sees it, without blocking a thread; fabric8's backoff follows. The hold is capped at
 * half the request timeout, since fabric8 gives an attempt (hold included) the request timeout
 * plus at most 5 s. Held on the last attempt too (fabric8 decides on its limit after this, and
 * the interceptors' hooks run in no fixed order to tell): giving up then costs the hold once more.
 */
final class RetryAfterHold implements Interceptor {

  static final String NAME = "harness-retry-after";

  private final ApiRetryPolicy policy;

  RetryAfterHold(ApiRetryPolicy policy) {
    this.policy = policy;
  }

  /** How long a retried answer with this Retry-After is held. */
  static long holdMillis(ApiRetryPolicy policy, long retryAfterMillis) {
    return Math.max(0, Math.min(retryAfterMillis, policy.requestTimeout().toMillis() / 2));
  }

  @Override
  public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
    int code = response.code();
    long hold = holdMillis(policy, RetryRecorder.retryAfterMillis(response.header("Retry-After")));
    if ((code != 429 && code != 503) || hold == 0) {
      return CompletableFuture.completedFuture(false);
    }
    return CompletableFuture.supplyAsync(() -> false, CompletableFuture.delayedExecutor(hold, TimeUnit.MILLISECONDS));
  }
}
