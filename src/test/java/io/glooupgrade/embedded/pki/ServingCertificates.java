package io.glooupgrade.embedded.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed CA and a serving certificate it signed, as Gloo's certgen makes them
 * (k8s-utils certutils over client-go's cert helpers): RSA 2048 keys, SHA-256 signatures, the CA
 * valid ten years, the serving certificate one year from the CA's start, subject
 * {@code O=solo.io, CN=...}, SANs the DNS names given, usages server and client auth.
 *
 * <p>Derived, not observed: the CA's subject. Here it is the serving CN with {@code -ca} appended,
 * so that the CA and the certificate it signs never share a distinguished name.
 */
public record ServingCertificates(X509Certificate ca, X509Certificate certificate, PrivateKey key) {

  public static final Duration CA_VALIDITY = Duration.ofDays(3650);
  public static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(365);

  /** What certgen generates for Service {@code service} in {@code namespace}, valid from now. */
  public static ServingCertificates forService(String service, String namespace) {
    Instant now = Instant.now();
    return issue(ServiceDnsNames.apiServerName(service, namespace), ServiceDnsNames.of(service, namespace), now,
        now.plus(CERTIFICATE_VALIDITY));
  }

  /** A CA and a certificate for {@code commonName} and {@code dnsNames}, valid between the two instants. */
  public static ServingCertificates issue(String commonName, List<String> dnsNames, Instant notBefore,
      Instant notAfter) {
    try {
      KeyPair caKeys = rsaKeys();
      X500Name caName = name(commonName + "-ca");
      X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(notBefore),
          Date.from(notBefore.plus(CA_VALIDITY)), caName, caKeys.getPublic());
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      ca.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyEncipherment | KeyUsage.digitalSignature | KeyUsage.keyCertSign));
      ca.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCertificate = signed(ca, caKeys.getPrivate());

      KeyPair keys = rsaKeys();
      X509v3CertificateBuilder serving = new JcaX509v3CertificateBuilder(caCertificate, serial(),
          Date.from(notBefore), Date.from(notAfter), name(commonName), keys.getPublic());
      serving.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      serving.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment | KeyUsage.digitalSignature));
      serving.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      serving.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsNames.stream()
          .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
      serving.addExtension(Extension.authorityKeyIdentifier, false,
          extensions.createAuthorityKeyIdentifier(caCertificate));
      return new ServingCertificates(caCertificate, signed(serving, caKeys.getPrivate()), keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
    }
  }

  public byte[] caPem() {
    return Pem.encode(List.of(ca));
  }

  public byte[] certificatePem() {
    return Pem.encode(List.of(certificate));
  }

  public byte[] keyPem() {
    return Pem.encode(key);
  }

  @Override
  public String toString() {
    // Never the key: this may end up in a log or an assertion message.
    return "ServingCertificates[" + certificate.getSubjectX500Principal() + ", serial "
        + certificate.getSerialNumber().toString(16) + "]";
  }

  private static KeyPair rsaKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048, new SecureRandom());
    return generator.generateKeyPair();
  }

  private static X509Certificate signed(X509v3CertificateBuilder builder, PrivateKey signer)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signature = new JcaContentSignerBuilder("SHA256withRSA").build(signer);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signature));
  }

  // Go's certutil: a random 128-bit positive serial.
  private static BigInteger serial() {
    return new BigInteger(128, new SecureRandom()).setBit(127);
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "solo.io").addRDN(BCStyle.CN, commonName).build();
  }
}
