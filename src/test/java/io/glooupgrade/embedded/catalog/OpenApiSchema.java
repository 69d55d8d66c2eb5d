package io.glooupgrade.embedded.catalog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Small builders for structural OpenAPI v3 schema nodes, so that the CRD schemas read like the
 * API they describe. Every node has a {@code type}, as a structural schema requires.
 */
final class OpenApiSchema {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OpenApiSchema() {
  }

  static ObjectNode string() {
    return typed("string");
  }

  static ObjectNode integer() {
    return typed("integer");
  }

  static ObjectNode bool() {
    return typed("boolean");
  }

  static ObjectNode arrayOf(ObjectNode items) {
    ObjectNode node = typed("array");
    node.set("items", items);
    return node;
  }

  /** An object whose unknown fields are pruned: only {@code properties} survive a write. */
  static Properties object() {
    return new Properties(typed("object"));
  }

  /** An object that keeps unknown fields; declared properties are still pruned by their schema. */
  static Properties openObject() {
    ObjectNode node = typed("object");
    node.put("x-kubernetes-preserve-unknown-fields", true);
    return new Properties(node);
  }

  /** An object kept as written, nothing declared below it. */
  static ObjectNode opaque() {
    return openObject().build();
  }

  private static ObjectNode typed(String type) {
    ObjectNode node = JSON.objectNode();
    node.put("type", type);
    return node;
  }

  /** Collects the declared properties of an object schema. */
  static final class Properties {
    private final ObjectNode node;
    private final ObjectNode properties = JSON.objectNode();

    private Properties(ObjectNode node) {
      this.node = node;
    }

    Properties with(String name, ObjectNode schema) {
      properties.set(name, schema);
      return this;
    }

    Properties with(String name, Properties schema) {
      return with(name, schema.build());
    }

    Properties description(String text) {
      node.put("description", text);
      return this;
    }

    ObjectNode build() {
      ObjectNode built = node.deepCopy();
      if (!properties.isEmpty()) {
        built.set("properties", properties.deepCopy());
      }
      return built;
    }
  }
}
