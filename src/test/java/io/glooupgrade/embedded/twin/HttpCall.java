package io.glooupgrade.embedded.twin;

import java.util.Map;

/** A request as it travels through the twin: from the load balancer to a proxy to a workload. */
record HttpCall(String method, String path, String query, String host, Map<String, String> headers, byte[] body) {

  HttpCall withPath(String newPath) {
    return new HttpCall(method, newPath, query, host, headers, body);
  }
}
