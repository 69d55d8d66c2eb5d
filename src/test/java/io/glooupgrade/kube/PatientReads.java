package io.glooupgrade.kube;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.TlsVersion;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.http.HttpClosedException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * The two transient failures fabric8 7.6.1 does not retry: a request left unanswered past its
 * timeout, and a connection closed without an answer (fabric8 retries IOExceptions, and Vert.x
 * reports both as something else). Retried here for reads (GET) only, with the same bounded
 * backoff: a write that got no answer may have been applied, and sending it again is not safe.
 * A decorator of fabric8's own HTTP client, installed through its factory; every other call
 * (WebSockets, so watches, included) goes straight through.
 */
final class PatientReads implements HttpClient {

  private final HttpClient inner;
  private final ApiRetryPolicy policy;
  private final ApiRetries retries;

  private PatientReads(HttpClient inner, ApiRetryPolicy policy, ApiRetries retries) {
    this.inner = inner;
    this.policy = policy;
    this.retries = retries;
  }

  /** fabric8's Vert.x client factory, whose clients retry unanswered reads. */
  static HttpClient.Factory factory(ApiRetryPolicy policy, ApiRetries retries) {
    VertxHttpClientFactory vertx = new VertxHttpClientFactory();
    return new HttpClient.Factory() {
      @Override
      public HttpClient.Builder newBuilder() {
        return new Builder(vertx.newBuilder(), policy, retries);
      }

      @Override
      public int priority() {
        return vertx.priority();
      }
    };
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, Class<T> type) {
    return retrying(request, () -> inner.sendAsync(request, type));
  }

  @Override
  public CompletableFuture<HttpResponse<AsyncBody>> consumeBytes(HttpRequest request,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    // An unanswered attempt failed before the consumer saw a byte: it can be sent again.
    return retrying(request, () -> inner.consumeBytes(request, consumer));
  }

  private <T> CompletableFuture<T> retrying(HttpRequest request, Supplier<CompletableFuture<T>> send) {
    if (!"GET".equals(request.method())) {
      return send.get();
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(request, send, 1, result);
    return result;
  }

  private <T> void attempt(HttpRequest request, Supplier<CompletableFuture<T>> send, int attempt,
      CompletableFuture<T> result) {
    send.get().whenComplete((value, failure) -> {
      if (failure == null) {
        result.complete(value);
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      String unanswered = unanswered(cause);
      if (unanswered == null || result.isDone()) {
        result.completeExceptionally(failure);
        return;
      }
      boolean retry = attempt <= policy.retries();
      long delay = retry ? policy.delayBefore(attempt).toMillis() : -1;
      retries.record(new ApiRetries.Retry(request.method(), ApiRetries.pathOf(request.uri()), unanswered, attempt,
          delay));
      if (!retry) {
        result.completeExceptionally(failure);
        return;
      }
      CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
          .execute(() -> attempt(request, send, attempt + 1, result));
    });
  }

  /** What kind of unanswered attempt this was, or null when it was something else. */
  private String unanswered(Throwable cause) {
    if (cause instanceof TimeoutException) {
      return "no answer within the request timeout of " + policy.requestTimeout().toMillis() + " ms";
    }
    if (cause instanceof HttpClosedException) {
      return "connection closed without an answer";
    }
    return null;
  }

  @Override
  public DerivedClientBuilder newBuilder() {
    return new Derived(inner.newBuilder(), policy, retries);
  }

  @Override
  public HttpRequest.Builder newHttpRequestBuilder() {
    return inner.newHttpRequestBuilder();
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return inner.newWebSocketBuilder();
  }

  @Override
  public boolean isClosed() {
    return inner.isClosed();
  }

  @Override
  public void close() {
    inner.close();
  }

  /** A client derived from this one (fabric8 derives some with other timeouts) is patient too. */
  private static final class Derived implements DerivedClientBuilder {

    private final DerivedClientBuilder inner;
    private final ApiRetryPolicy policy;
    private final ApiRetries retries;

    Derived(DerivedClientBuilder inner, ApiRetryPolicy policy, ApiRetries retries) {
      this.inner = inner;
      this.policy = policy;
      this.retries = retries;
    }

    @Override
    public HttpClient build() {
      return new PatientReads(inner.build(), policy, retries);
    }

    @Override
    public DerivedClientBuilder addOrReplaceInterceptor(String name, Interceptor interceptor) {
      inner.addOrReplaceInterceptor(name, interceptor);
      return this;
    }

    @Override
    public DerivedClientBuilder authenticatorNone() {
      inner.authenticatorNone();
      return this;
    }

    @Override
    public DerivedClientBuilder tag(Object value) {
      inner.tag(value);
      return this;
    }
  }

  /** fabric8's builder, every setting passed on; only what it builds is wrapped. */
  private static final class Builder implements HttpClient.Builder {

    private final HttpClient.Builder inner;
    private final ApiRetryPolicy policy;
    private final ApiRetries retries;

    Builder(HttpClient.Builder inner, ApiRetryPolicy policy, ApiRetries retries) {
      this.inner = inner;
      this.policy = policy;
      this.retries = retries;
    }

    @Override
    public HttpClient build() {
      return new PatientReads(inner.build(), policy, retries);
    }

    @Override
    public HttpClient.Builder connectTimeout(long timeout, TimeUnit unit) {
      inner.connectTimeout(timeout, unit);
      return this;
    }

    @Override
    public HttpClient.Builder addOrReplaceInterceptor(String name, Interceptor interceptor) {
      inner.addOrReplaceInterceptor(name, interceptor);
      return this;
    }

    @Override
    public HttpClient.Builder authenticatorNone() {
      inner.authenticatorNone();
      return this;
    }

    @Override
    public HttpClient.Builder sslContext(KeyManager[] keyManagers, TrustManager[] trustManagers) {
      inner.sslContext(keyManagers, trustManagers);
      return this;
    }

    @Override
    public HttpClient.Builder followAllRedirects() {
      inner.followAllRedirects();
      return this;
    }

    @Override
    public HttpClient.Builder proxyAddress(InetSocketAddress address) {
      inner.proxyAddress(address);
      return this;
    }

    @Override
    public HttpClient.Builder proxyAuthorization(String credentials) {
      inner.proxyAuthorization(credentials);
      return this;
    }

    @Override
    public HttpClient.Builder tlsVersions(TlsVersion... tlsVersions) {
      inner.tlsVersions(tlsVersions);
      return this;
    }

    @Override
    public HttpClient.Builder tlsServerName(String serverName) {
      inner.tlsServerName(serverName);
      return this;
    }

    @Override
    public HttpClient.Builder preferHttp11() {
      inner.preferHttp11();
      return this;
    }

    @Override
    public HttpClient.Builder proxyType(ProxyType type) {
      inner.proxyType(type);
      return this;
    }

    @Override
    public HttpClient.Builder tag(Object value) {
      inner.tag(value);
      return this;
    }
  }
}
