package io.glooupgrade.kube;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Times the Kubernetes API requests of one client, from the request sent to its answer's headers
 * (a watch counts until it is established), into the counter of the scenario that made the client:
 * the bare API operations the suite benchmark compares the harness's own time with.
 */
final class ApiClock implements Interceptor {

  static final String NAME = "harness-api-clock";

  // The request carries when it was sent: fabric8 builds a new request object per attempt.
  private static final String SENT = "X-Harness-Sent-Nanos";

  private final LongAdder total;

  ApiClock(LongAdder total) {
    this.total = total;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
    builder.setHeader(SENT, Long.toString(System.nanoTime()));
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    answered(request);
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    answered(request);
  }

  private void answered(HttpRequest request) {
    String sent = request.header(SENT);
    if (sent != null) {
      total.add(System.nanoTime() - Long.parseLong(sent));
    }
  }
}
