package io.glooupgrade.embedded.controllers;

/**
 * Why the kubelet cannot start a pod's containers yet, in its own words: a missing volume source
 * keeps the pod ContainerCreating (event FailedMount), a missing env source makes it
 * CreateContainerConfigError. The kubelet tries again on its next look.
 */
final class ContainerCreationError extends Exception {

  private final String reason;

  private ContainerCreationError(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  static ContainerCreationError volume(String volume, String message) {
    return new ContainerCreationError("ContainerCreating",
        "MountVolume.SetUp failed for volume \"" + volume + "\" : " + message);
  }

  static ContainerCreationError config(String message) {
    return new ContainerCreationError("CreateContainerConfigError", message);
  }

  /** The container's waiting reason. */
  String reason() {
    return reason;
  }

  /** The event reason kubelet records for it. */
  String eventReason() {
    return reason.equals("ContainerCreating") ? "FailedMount" : "Failed";
  }
}
