package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Whether a running pod's containers are Ready, as its readiness probe would find. The default
 * kubelet finds every container ready; the Gloo twin and the faults replace this with rules of
 * their own (a proxy that is not listening yet, a control plane that crash-loops and says why).
 */
public interface PodReadiness {

  PodReadiness ALWAYS = pod -> Verdict.READY;

  Verdict of(Pod pod);

  /** A pod's state as the kubelet would report it, with the container's message when it crashes. */
  record Verdict(State state, String message) {

    public static final Verdict READY = new Verdict(State.READY, null);

    /** Running, not Ready, with what the failing probe said (kubelet's Unhealthy event), if it ran. */
    public static Verdict notReady(String probeFailure) {
      return new Verdict(State.NOT_READY, probeFailure);
    }

    public static Verdict crashLoop(String message) {
      return new Verdict(State.CRASH_LOOP, message);
    }
  }

  /** Ready, running but not ready, or restarting again and again. */
  enum State {
    READY, NOT_READY, CRASH_LOOP
  }
}
