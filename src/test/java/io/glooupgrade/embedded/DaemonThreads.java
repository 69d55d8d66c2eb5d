package io.glooupgrade.embedded;

import java.util.concurrent.ThreadFactory;

/** Threads of the embedded world: named, and daemons, so a forgotten one never keeps a JVM alive. */
public final class DaemonThreads {

  private DaemonThreads() {
  }

  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
