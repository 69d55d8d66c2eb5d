package io.glooupgrade.selftest.apiserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Canary for DESIGN.md, "The embedded cluster", behaviour 2 (protobuf request bodies), sent the way
 * Helm's release storage sends them: {@code Content-Type: application/vnd.kubernetes.protobuf} with an
 * Accept header that also allows JSON. (HelmCanaryTest covers the same behaviour with real Helm.)
 * <ul>
 *   <li>{@link #protobufSecretsAreDecodedAndStoredAsJson()} guards 2: a {@code k8s\0}-enveloped Secret
 *       is created and replaced, and reads back through fabric8 byte for byte.</li>
 *   <li>{@link #otherProtobufBodiesAreRefused()} guards 2: any other protobuf kind, or a body
 *       without the envelope, is answered 415 and nothing is stored.</li>
 * </ul>
 */
class ProtobufBodiesCanaryTest extends EmbeddedApiCanary {

  private static final String RELEASE = "sh.helm.release.v1.gloo.v1";


  @Test
  void protobufSecretsAreDecodedAndStoredAsJson() {
    // Not valid UTF-8 on purpose: the value must travel as bytes and be stored base64-encoded.
    byte[] first = {0x1f, (byte) 0x8b, 0x08, 0x00, (byte) 0xff, 'r', 'e', 'l', 0x00};
    ApiClients.Reply created = clients.send("POST", Manifests.SECRETS, ApiClients.PROTOBUF_OR_JSON,
        ApiClients.PROTOBUF, protobufSecret(RELEASE, Manifests.NAMESPACE, "release", first));
    assertEquals(201, created.code(), created.text());
    JsonNode json = created.json();
    assertEquals("v1", json.path("apiVersion").asText());
    assertEquals("Secret", json.path("kind").asText());
    assertEquals(RELEASE, json.path("metadata").path("name").asText());
    assertEquals(Manifests.NAMESPACE, json.path("metadata").path("namespace").asText());
    assertEquals("helm.sh/release.v1", json.path("type").asText());
    assertEquals(Base64.getEncoder().encodeToString(first), json.path("data").path("release").asText());
    assertFalse(json.path("metadata").has("generateName"), "unset protobuf strings are dropped: " + json);

    String firstVersion;
    try (KubernetesClient fabric8 = clients.fabric8()) {
      Secret stored = fabric8.secrets().inNamespace(Manifests.NAMESPACE).withName(RELEASE).get();
      assertNotNull(stored, "the decoded Secret is stored");
      assertEquals("helm.sh/release.v1", stored.getType());
      assertArrayEquals(first, Base64.getDecoder().decode(stored.getData().get("release")));
      firstVersion = stored.getMetadata().getResourceVersion();
    }

    // Helm's storage replaces the release Secret with a protobuf PUT when a release changes state.
    byte[] second = "superseded".getBytes(StandardCharsets.UTF_8);
    ApiClients.Reply replaced = clients.send("PUT", Manifests.SECRETS + "/" + RELEASE, ApiClients.PROTOBUF_OR_JSON,
        ApiClients.PROTOBUF, protobufSecret(RELEASE, Manifests.NAMESPACE, "release", second));
    assertEquals(200, replaced.code(), replaced.text());
    try (KubernetesClient fabric8 = clients.fabric8()) {
      Secret stored = fabric8.secrets().inNamespace(Manifests.NAMESPACE).withName(RELEASE).get();
      assertArrayEquals(second, Base64.getDecoder().decode(stored.getData().get("release")));
      assertNotEquals(firstVersion, stored.getMetadata().getResourceVersion());
    }
  }

  @Test
  void otherProtobufBodiesAreRefused() {
    byte[] pod = envelope("v1", "Pod", message(field(1, field(1, utf8("not-decoded")))));
    ApiClients.Reply refused = clients.send("POST", "/api/v1/namespaces/" + Manifests.NAMESPACE + "/pods",
        ApiClients.PROTOBUF_OR_JSON, ApiClients.PROTOBUF, pod);
    assertEquals(415, refused.code(), refused.text());
    assertEquals("UnsupportedMediaType", refused.json().path("reason").asText());
    assertEquals(404, clients.get("/api/v1/namespaces/" + Manifests.NAMESPACE + "/pods/not-decoded").code(),
        "nothing is stored from a refused body");

    ApiClients.Reply noEnvelope = clients.send("POST", Manifests.SECRETS, ApiClients.PROTOBUF_OR_JSON,
        ApiClients.PROTOBUF, Manifests.secret("plain-json").getBytes(StandardCharsets.UTF_8));
    assertEquals(415, noEnvelope.code(), noEnvelope.text());
    assertEquals("UnsupportedMediaType", noEnvelope.json().path("reason").asText());
  }

  /**
   * A Secret as Go's generated code encodes it: the {@code k8s\0} envelope around runtime.Unknown
   * {typeMeta=1 {apiVersion=1, kind=2}, raw=2}, raw being Secret {metadata=1 {name=1, namespace=3,
   * resourceVersion=6 written empty as Go does}, data=2 (map entry {key=1, value=2}), type=3}.
   */
  private static byte[] protobufSecret(String name, String namespace, String key, byte[] value) {
    byte[] metadata = message(field(1, utf8(name)), field(3, utf8(namespace)), field(6, new byte[0]));
    byte[] secret = message(field(1, metadata), field(2, message(field(1, utf8(key)), field(2, value))),
        field(3, utf8("helm.sh/release.v1")));
    return envelope("v1", "Secret", secret);
  }

  private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(message(field(1, message(field(1, utf8(apiVersion)), field(2, utf8(kind)))), field(2, raw)));
    return out.toByteArray();
  }

  /** One length-delimited field (wire type 2): tag, length, bytes. */
  private static byte[] field(int number, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeVarint(out, ((long) number << 3) | 2);
    writeVarint(out, value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] message(byte[]... fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] f : fields) {
      out.writeBytes(f);
    }
    return out.toByteArray();
  }

  private static void writeVarint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
