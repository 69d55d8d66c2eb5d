package io.glooupgrade.embedded.controllers;

/**
 * Where the kubelet writes what a container prints, so that the API's {@code pods/NAME/log}
 * subresource serves it ({@code kubectl logs}).
 */
public interface ContainerLogs {

  ContainerLogs NONE = new ContainerLogs() {
    @Override
    public void append(String namespace, String pod, String container, String text) {
    }

    @Override
    public void forget(String namespace, String pod) {
    }
  };

  void append(String namespace, String pod, String container, String text);

  /** The pod is gone: so is its log. */
  void forget(String namespace, String pod);
}
