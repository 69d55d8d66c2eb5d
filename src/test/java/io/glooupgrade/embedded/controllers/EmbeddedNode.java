package io.glooupgrade.embedded.controllers;

import java.nio.file.Path;

/**
 * What the embedded node needs to run containers that run to an end: the API's HTTPS address and
 * certificate authority (PEM), the issuer of the pods' ServiceAccount tokens, where their logs go, the programs it runs
 * in-process (certgen) and a folder for the containers' files.
 */
public record EmbeddedNode(String apiUrl, String certificateAuthority, ServiceAccountTokenIssuer tokens,
    ContainerLogs logs,
    NodePrograms programs, Path directory) {
}
