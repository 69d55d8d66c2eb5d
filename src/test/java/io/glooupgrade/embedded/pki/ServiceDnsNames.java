package io.glooupgrade.embedded.pki;

import java.util.List;

/**
 * The DNS names by which a Kubernetes Service is reached in its cluster, as certgen puts them in a
 * serving certificate: {@code NAME}, {@code NAME.NS}, {@code NAME.NS.svc} and
 * {@code NAME.NS.svc.cluster.local}. The API server dials {@code NAME.NS.svc}.
 */
public final class ServiceDnsNames {

  /** The cluster domain certgen assumes (knative's default when resolv.conf says nothing else). */
  public static final String CLUSTER_DOMAIN = "cluster.local";

  private ServiceDnsNames() {
  }

  public static List<String> of(String service, String namespace) {
    return List.of(service, service + "." + namespace, apiServerName(service, namespace),
        apiServerName(service, namespace) + "." + CLUSTER_DOMAIN);
  }

  /** The name the API server dials for a webhook's {@code clientConfig.service}, and checks. */
  public static String apiServerName(String service, String namespace) {
    return service + "." + namespace + ".svc";
  }

  /** As certgen's ValidForService: some SAN is one of the Service's names (exactly). */
  public static boolean anyMatches(List<String> dnsNames, String service, String namespace) {
    List<String> names = of(service, namespace);
    return dnsNames.stream().anyMatch(names::contains);
  }

  /** The DNS names among a certificate's subject alternative names (type 2). */
  public static List<String> inCertificate(java.security.cert.X509Certificate certificate)
      throws java.security.cert.CertificateParsingException {
    List<String> names = new java.util.ArrayList<>();
    if (certificate.getSubjectAlternativeNames() != null) {
      for (List<?> name : certificate.getSubjectAlternativeNames()) {
        if (Integer.valueOf(2).equals(name.get(0))) {
          names.add(String.valueOf(name.get(1)));
        }
      }
    }
    return names;
  }
}
