package io.glooupgrade.embedded.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * PEM as Kubernetes TLS Secrets and webhook {@code caBundle}s carry it: certificates in
 * {@code CERTIFICATE} blocks, a private key as PKCS#1 {@code RSA PRIVATE KEY} (what Go's certgen
 * writes) or PKCS#8. Reading follows Go's {@code x509.CertPool.AppendCertsFromPEM}: blocks that are
 * not certificates, or do not parse, are skipped.
 */
public final class Pem {


  private Pem() {
  }

  /** Every certificate in the PEM text, in order; none when there is none (never an error). */
  public static List<X509Certificate> certificates(byte[] pem) {
    List<X509Certificate> found = new ArrayList<>();
    try (PEMParser parser = parser(pem)) {
      while (true) {
        Object block;
        try {
          block = parser.readObject();
        } catch (IOException | RuntimeException e) {
          // A damaged block ends the reading, as Go's pem.Decode stops at what it cannot decode.
          break;
        }
        if (block == null) {
          break;
        }
        if (block instanceof X509CertificateHolder holder) {
          try {
            found.add(new JcaX509CertificateConverter().getCertificate(holder));
          } catch (CertificateException e) {
            // skipped, as AppendCertsFromPEM skips a certificate it cannot parse
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /**
   * Every block of the PEM text as a certificate, as Go's certgen decodes a {@code tls.crt}: a
   * block that is not a certificate, or does not parse, is an error.
   */
  public static List<X509Certificate> certificateChain(byte[] pem) throws CertificateException {
    List<X509Certificate> chain = new ArrayList<>();
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    try (PemReader reader = new PemReader(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
        if (!block.getType().equals("CERTIFICATE")) {
          throw new CertificateException("x509: malformed certificate");
        }
        try {
          chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.getContent())));
        } catch (CertificateException e) {
          throw new CertificateException("x509: malformed certificate", e);
        }
      }
    } catch (IOException e) {
      throw new CertificateException("x509: malformed certificate", e);
    }
    return chain;
  }

  /** The first private key in the PEM text (PKCS#1 or PKCS#8, unencrypted), if any. */
  public static Optional<PrivateKey> privateKey(byte[] pem) {
    try (PEMParser parser = parser(pem)) {
      for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
        if (block instanceof PEMKeyPair pair) {
          return Optional.of(new JcaPEMKeyConverter().getKeyPair(pair).getPrivate());
        }
        if (block instanceof PrivateKeyInfo info) {
          return Optional.of(new JcaPEMKeyConverter().getPrivateKey(info));
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Certificates as consecutive {@code CERTIFICATE} blocks. */
  public static byte[] encode(List<X509Certificate> certificates) {
    return write(certificates.toArray());
  }

  /** An RSA key as a PKCS#1 {@code RSA PRIVATE KEY} block, as Go's certutil encodes it. */
  public static byte[] encode(PrivateKey key) {
    return write(key);
  }

  private static byte[] write(Object... objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object o : objects) {
        writer.writeObject(o);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static PEMParser parser(byte[] pem) {
    return new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)));
  }
}
