package io.glooupgrade.embedded.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Behaviour 2: Helm's release storage writes Secrets (and ConfigMaps under HELM_DRIVER=configmap)
 * as {@code application/vnd.kubernetes.protobuf}. This decodes the {@code k8s\0} envelope and those
 * two messages into the JSON the CRUD store keeps; any other protobuf kind is refused.
 * Hand-written: only two small messages are needed, not worth a protobuf runtime and generated code.
 */
final class ProtobufBodies {

  static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
  // The magic number that starts every protobuf body: "k8s" and a zero byte.
  private static final String MAGIC = "k8s\0";
  private final ObjectMapper json = new ObjectMapper();

  static boolean isProtobuf(String contentType) {
    return contentType != null && contentType.startsWith(MEDIA_TYPE);
  }

  /** The JSON form of a protobuf-encoded Secret or ConfigMap. */
  String toJson(byte[] body) {
    if (body.length < MAGIC.length() || !new String(body, 0, MAGIC.length(), StandardCharsets.ISO_8859_1).equals(MAGIC)) {
      throw new ApiRefusal(415, "UnsupportedMediaType", "protobuf body without the k8s envelope");
    }
    Wire unknown = new Wire(Arrays.copyOfRange(body, MAGIC.length(), body.length));
    String apiVersion = "";
    String kind = "";
    byte[] raw = new byte[0];
    while (unknown.more()) {
      int field = unknown.tag();
      if (field == 1) {
        Wire typeMeta = unknown.message();
        while (typeMeta.more()) {
          int f = typeMeta.tag();
          if (f == 1) {
            apiVersion = typeMeta.string();
          } else if (f == 2) {
            kind = typeMeta.string();
          } else {
            typeMeta.skip();
          }
        }
      } else if (field == 2) {
        raw = unknown.bytes();
      } else {
        unknown.skip();
      }
    }
    ObjectNode object = json.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
    switch (kind) {
      case "Secret" -> secret(new Wire(raw), object);
      case "ConfigMap" -> configMap(new Wire(raw), object);
      default -> throw new ApiRefusal(415, "UnsupportedMediaType",
          "protobuf bodies are decoded for Secret and ConfigMap only, not " + kind + "; send JSON");
    }
    return object.toString();
  }

  private void secret(Wire w, ObjectNode secret) {
    while (w.more()) {
      switch (w.tag()) {
        case 1 -> secret.set("metadata", metadata(w.message()));
        case 2 -> mapEntry(w.message(), secret.with("data"), true);
        case 3 -> putIfSet(secret, "type", w.string());
        case 4 -> mapEntry(w.message(), secret.with("stringData"), false);
        case 5 -> secret.put("immutable", w.varint() != 0);
        default -> w.skip();
      }
    }
  }

  private void configMap(Wire w, ObjectNode configMap) {
    while (w.more()) {
      switch (w.tag()) {
        case 1 -> configMap.set("metadata", metadata(w.message()));
        case 2 -> mapEntry(w.message(), configMap.with("data"), false);
        case 3 -> mapEntry(w.message(), configMap.with("binaryData"), true);
        case 4 -> configMap.put("immutable", w.varint() != 0);
        default -> w.skip();
      }
    }
  }

  private ObjectNode metadata(Wire w) {
    ObjectNode meta = json.createObjectNode();
    while (w.more()) {
      switch (w.tag()) {
        case 1 -> putIfSet(meta, "name", w.string());
        case 2 -> putIfSet(meta, "generateName", w.string());
        case 3 -> putIfSet(meta, "namespace", w.string());
        case 5 -> putIfSet(meta, "uid", w.string());
        case 6 -> putIfSet(meta, "resourceVersion", w.string());
        case 7 -> {
          long generation = w.varint();
          if (generation != 0) {
            meta.put("generation", generation);
          }
        }
        case 8 -> {
          long seconds = timeSeconds(w.message());
          if (seconds != 0) {
            meta.put("creationTimestamp", Instant.ofEpochSecond(seconds).toString());
          }
        }
        case 11 -> mapEntry(w.message(), meta.with("labels"), false);
        case 12 -> mapEntry(w.message(), meta.with("annotations"), false);
        case 14 -> ((ArrayNode) meta.withArray("finalizers")).add(w.string());
        default -> w.skip(); // selfLink, ownerReferences, managedFields: not used by Helm's storage
      }
    }
    return meta;
  }

  private static long timeSeconds(Wire w) {
    long seconds = 0;
    while (w.more()) {
      if (w.tag() == 1) {
        seconds = w.varint();
      } else {
        w.skip();
      }
    }
    return seconds;
  }

  private static void mapEntry(Wire entry, ObjectNode target, boolean base64Value) {
    String key = "";
    byte[] value = new byte[0];
    while (entry.more()) {
      int f = entry.tag();
      if (f == 1) {
        key = entry.string();
      } else if (f == 2) {
        value = entry.bytes();
      } else {
        entry.skip();
      }
    }
    target.put(key, base64Value ? Base64.getEncoder().encodeToString(value) : new String(value, StandardCharsets.UTF_8));
  }

  // Go writes "" for unset strings: leave them out, as the JSON encoder would.
  private static void putIfSet(ObjectNode node, String field, String value) {
    if (!value.isEmpty()) {
      node.put(field, value);
    }
  }

  /** The protobuf wire format, reading only what these messages use. */
  private static final class Wire {
    private final byte[] data;
    private int pos;
    private int wireType;

    Wire(byte[] data) {
      this.data = data;
    }

    boolean more() {
      return pos < data.length;
    }

    int tag() {
      long key = varint();
      wireType = (int) (key & 7);
      return (int) (key >>> 3);
    }

    long varint() {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = data[pos++];
        result |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
      throw new ApiRefusal(400, "BadRequest", "malformed protobuf varint");
    }

    byte[] bytes() {
      int length = (int) varint();
      if (length < 0 || pos + length > data.length) {
        throw new ApiRefusal(400, "BadRequest", "malformed protobuf length");
      }
      byte[] out = Arrays.copyOfRange(data, pos, pos + length);
      pos += length;
      return out;
    }

    String string() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    Wire message() {
      return new Wire(bytes());
    }

    void skip() {
      switch (wireType) {
        case 0 -> varint();
        case 1 -> pos += 8;
        case 2 -> bytes();
        case 5 -> pos += 4;
        default -> throw new ApiRefusal(400, "BadRequest", "unsupported protobuf wire type " + wireType);
      }
    }
  }
}
