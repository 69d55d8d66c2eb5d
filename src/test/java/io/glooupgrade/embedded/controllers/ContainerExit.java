package io.glooupgrade.embedded.controllers;

/** How a container ended: its exit code, the kubelet's reason (Completed, Error) and when. */
record ContainerExit(int exitCode, String startedAt, String finishedAt) {

  String reason() {
    return exitCode == 0 ? "Completed" : "Error";
  }
}
