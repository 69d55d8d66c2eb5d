package io.glooupgrade.embedded.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CustomResourceDefinitions of a Gloo Edge release, as the chart's {@code crds/} folder holds
 * them: {@code apiextensions.k8s.io/v1}, namespaced, one served and stored version, no
 * subresources (solo-kit resources write their status with the object), and a structural schema
 * without top-level {@code x-kubernetes-preserve-unknown-fields}, so that the API server prunes
 * what a release does not know.
 *
 * <p>Modelling decision: real Gloo regenerates every CRD schema from its protos in each minor, so
 * the {@code .spec} of every CRD differs between minors ({@code glooctl check-crds} reports
 * them all after a minor upgrade without new CRDs). The fixture models that by setting
 * {@code openAPIV3Schema.description} to {@code "Gloo Edge <minor> API"} on every CRD; patches of
 * one minor therefore produce identical CRD specs, as real patches mostly do.
 */
public final class GlooCrds {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  // Each file opens with "---": `helm show crds` joins the files as they are, and the documents
  // must stay apart there (the real chart's CRD files open the same way).
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .enable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());

  private GlooCrds() {
  }

  /** The CRD object of one kind as this release defines it. */
  public static ObjectNode definition(GlooVersion version, GlooCrd crd) {
    ObjectNode root = JSON.objectNode();
    root.put("apiVersion", "apiextensions.k8s.io/v1");
    root.put("kind", "CustomResourceDefinition");
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", crd.crdName());
    ObjectNode spec = root.putObject("spec");
    spec.put("group", crd.group());
    ObjectNode names = spec.putObject("names");
    names.put("kind", crd.kind());
    names.put("listKind", crd.listKind());
    names.put("plural", crd.plural());
    names.put("singular", crd.singular());
    if (!crd.shortNames().isEmpty()) {
      crd.shortNames().forEach(names.putArray("shortNames")::add);
    }
    spec.put("scope", "Namespaced");
    ObjectNode served = spec.putArray("versions").addObject();
    served.put("name", crd.servedVersion());
    served.put("served", true);
    served.put("storage", true);
    served.putObject("schema").set("openAPIV3Schema", openApiSchema(version, crd));
    return root;
  }

  /** The top-level schema: spec as the release declares it, status kept as written. */
  public static ObjectNode openApiSchema(GlooVersion version, GlooCrd crd) {
    return OpenApiSchema.object()
        .description(apiDescription(version))
        .with("spec", GlooSpecSchemas.specOf(crd, version))
        .with("status", OpenApiSchema.opaque())
        .build();
  }

  /** {@code "Gloo Edge 1.19 API"}: what makes CRD specs differ between minors. */
  public static String apiDescription(GlooVersion version) {
    return "Gloo Edge " + version.minorVersion() + " API";
  }

  /** The YAML of one CRD. */
  public static String yaml(GlooVersion version, GlooCrd crd) {
    try {
      return YAML.writeValueAsString(definition(version, crd));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The YAML of one CRD by name, e.g. {@code virtualservices.gateway.solo.io}. */
  public static String yaml(GlooVersion version, String crdName) {
    GlooCrd crd = GlooCrd.byName(crdName).orElseThrow(() -> new IllegalArgumentException(
        "no Gloo CRD named " + crdName));
    return yaml(version, crd);
  }

  /**
   * The files of the release's {@code crds/} folder, by file name (named as the real chart names
   * them, {@code <group>_<version>_<Kind>.yaml}), in a stable order.
   */
  public static Map<String, String> crdFolder(GlooVersion version) {
    Map<String, String> files = new LinkedHashMap<>();
    for (GlooCrd crd : GlooCrd.shippedWith(version)) {
      files.put(fileName(crd), yaml(version, crd));
    }
    return files;
  }

  /** The Federation CRDs, for the gloo-fed chart of a release. */
  public static Map<String, String> federationCrdFolder(GlooVersion version) {
    Map<String, String> files = new LinkedHashMap<>();
    for (GlooCrd crd : GlooCrd.federation()) {
      files.put(fileName(crd), yaml(version, crd));
    }
    return files;
  }

  static String fileName(GlooCrd crd) {
    return crd.group() + "_" + crd.servedVersion() + "_" + crd.kind() + ".yaml";
  }
}
