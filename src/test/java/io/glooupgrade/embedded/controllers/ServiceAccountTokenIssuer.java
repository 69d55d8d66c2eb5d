package io.glooupgrade.embedded.controllers;

/**
 * Issues the bearer token a pod's containers present to the API: it authenticates as the pod's
 * ServiceAccount, so the API authorises what the pod does by that account's RBAC.
 */
@FunctionalInterface
public interface ServiceAccountTokenIssuer {

  String issue(String namespace, String serviceAccount);
}
