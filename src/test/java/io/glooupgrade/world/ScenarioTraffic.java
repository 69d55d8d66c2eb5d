package io.glooupgrade.world;

import io.glooupgrade.traffic.TrafficProbe;

/** The traffic probe a scenario's steps started: stopped when the scenario ends, whatever happens. */
public final class ScenarioTraffic {

  private TrafficProbe probe;

  public ScenarioTraffic(ScenarioEnd end) {
    end.onEnd(ScenarioEnd.Phase.TRAFFIC, this::stop);
  }

  /** The probe a step started, replacing (and stopping) any earlier one. */
  public synchronized void started(TrafficProbe started) {
    stop();
    probe = started;
  }

  public synchronized TrafficProbe probe() {
    if (probe == null) {
      throw new IllegalStateException("no traffic flows: a step \"traffic flows to ...\" must start it first");
    }
    return probe;
  }

  private synchronized void stop() {
    if (probe != null) {
      probe.close();
    }
  }
}
