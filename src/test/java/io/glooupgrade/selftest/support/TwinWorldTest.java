package io.glooupgrade.selftest.support;

import io.glooupgrade.embedded.faults.Faults;
import io.glooupgrade.embedded.twin.ProxyStartup;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A self-test on one embedded world with the faults it asks for, closed after each test. */
public abstract class TwinWorldTest {

  @TempDir
  protected Path workDir;
  protected TwinWorld world;

  /** Starts this test's world: proxies start at once, the given faults are on. */
  protected TwinWorld start(Faults faults) {
    world = new TwinWorld(workDir, ProxyStartup.after(Duration.ZERO), faults);
    return world;
  }

  @AfterEach
  void closeWorld() {
    if (world != null) {
      world.close();
    }
  }
}
