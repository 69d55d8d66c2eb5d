package io.glooupgrade.embedded.twin;

import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.ExecutorService;

/**
 * A loopback listener for one port of one Service that forwards each request to a Ready endpoint,
 * as kube-proxy would: what the cloud load balancer's addresses are. (The API server reaches a
 * Service's pods directly, over TLS: {@link ServiceEndpointsForApi}.)
 */
final class ServicePortListener {

  private ServicePortListener() {
  }

  static HttpServer start(ServiceRouting routing, ClusterView cluster, String namespace, String name, int port,
      ExecutorService threads, int backlog) {
    return LoopbackHttp.start(call -> cluster.service(namespace, name).flatMap(s -> routing.send(s, port, call))
        .orElse(HttpAnswer.text(503, "no healthy upstream")), threads, backlog);
  }
}
