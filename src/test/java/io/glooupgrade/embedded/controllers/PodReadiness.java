package io.glooupgrade.embedded.controllers;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Whether a running pod's containers are Ready, as its readiness probe would find. The default
 * kubelet finds every container ready; the Gloo twin and the faults replace this with rules of
 * their own (a proxy that is not listening yet, a control plane that crash-loops).
 */
public interface PodReadiness {

  PodReadiness ALWAYS = pod -> Verdict.READY;

  Verdict of(Pod pod);

  /** A pod's state as the kubelet would report it. */
  enum Verdict {
    READY, NOT_READY, CRASH_LOOP
  }
}
