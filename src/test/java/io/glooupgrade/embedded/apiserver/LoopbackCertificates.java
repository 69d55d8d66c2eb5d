package io.glooupgrade.embedded.apiserver;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of the embedded API's HTTPS port: a CA (what a pod's {@code ca.crt} holds) and
 * a serving certificate it signed for the loopback address, {@code localhost} and the names pods
 * use for the API ({@code kubernetes}, {@code kubernetes.default}, {@code kubernetes.default.svc},
 * {@code kubernetes.default.svc.cluster.local}), so kubectl verifies the server as on a real cluster.
 * Each embedded API server makes its own pair when its HTTPS port or CA is first asked for (ECDSA
 * P-256, a few milliseconds), valid for a year: no certificate is shared between worlds.
 */
final class LoopbackCertificates {

  private static final Duration VALIDITY = Duration.ofDays(365);

  private final X509Certificate ca;
  private final X509Certificate serving;
  private final KeyPair servingKey;

  private LoopbackCertificates() throws GeneralSecurityException, OperatorCreationException, IOException {
    KeyPair caKey = ecKey();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=embedded-cluster-ca");
    X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), caName, caKey.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
            | KeyUsage.digitalSignature));
    this.ca = sign(caBuilder, caKey);
    this.servingKey = ecKey();
    GeneralNames names = new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost"),
        new GeneralName(GeneralName.dNSName, "kubernetes"),
        new GeneralName(GeneralName.dNSName, "kubernetes.default"),
        new GeneralName(GeneralName.dNSName, "kubernetes.default.svc"),
        new GeneralName(GeneralName.dNSName, "kubernetes.default.svc.cluster.local")});
    X509v3CertificateBuilder servingBuilder = new JcaX509v3CertificateBuilder(caName, serial(),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)),
        new X500Name("CN=kube-apiserver"), servingKey.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false, names);
    this.serving = sign(servingBuilder, caKey);
  }

  /** A new CA and serving certificate. */
  static LoopbackCertificates create() {
    try {
      return new LoopbackCertificates();
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make the embedded API's certificates", e);
    }
  }

  /** The CA certificate, PEM-encoded: a pod's {@code ca.crt}, a kubeconfig's certificate-authority-data. */
  String caPem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(ca);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A TLS server context presenting the serving certificate and its chain. */
  SSLContext serverContext() {
    try {
      char[] password = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("serving", servingKey.getPrivate(), password, new X509Certificate[] {serving, ca});
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for the embedded API", e);
    }
  }

  private static KeyPair ecKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signature = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signature));
  }
}
