package io.glooupgrade.selftest.apiserver;

import io.glooupgrade.embedded.apiserver.EmbeddedApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh embedded API per test, with clients that talk to it the way client-go and fabric8 do. */
abstract class EmbeddedApiCanary {

  protected EmbeddedApiServer api;
  protected ApiClients clients;

  @BeforeEach
  void startApi() {
    api = EmbeddedApiServer.start("1.31.4");
    clients = new ApiClients(api);
  }

  @AfterEach
  void stopApi() {
    api.close();
  }
}
