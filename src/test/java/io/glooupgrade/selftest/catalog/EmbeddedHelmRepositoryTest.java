package io.glooupgrade.selftest.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.SearchResult;
import io.glooupgrade.embedded.catalog.ChartArchive;
import io.glooupgrade.embedded.catalog.EmbeddedHelmRepository;
import io.glooupgrade.embedded.catalog.FixtureCharts;
import io.glooupgrade.embedded.catalog.GlooVersion;
import io.glooupgrade.embedded.catalog.GlooVersions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Helm repository serves the catalog as a public Helm repository would. */
class EmbeddedHelmRepositoryTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static EmbeddedHelmRepository repository;

  @BeforeAll
  static void start() {
    repository = EmbeddedHelmRepository.start();
  }

  @AfterAll
  static void stop() {
    repository.close();
  }

  @Test
  void theIndexListsEveryCatalogReleaseWithDigestAndAbsoluteUrl() throws Exception {
    HttpResponse<String> response = get("/index.yaml", HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    JsonNode index = new YAMLMapper().readTree(response.body());
    assertEquals("v1", index.path("apiVersion").asText());

    JsonNode entries = index.path("entries").path("gloo");
    Set<String> listed = StreamSupport.stream(entries.spliterator(), false)
        .map(e -> e.path("version").asText()).collect(Collectors.toSet());
    Set<String> offered = GlooVersions.all().stream().map(GlooVersion::tag).collect(Collectors.toSet());
    assertEquals(offered, listed);
    assertTrue(offered.containsAll(Set.of("1.16.27", "1.17.37", "1.17.38", "1.18.40", "1.18.41",
        "1.19.20", "1.20.22")));

    for (JsonNode entry : entries) {
      String version = entry.path("version").asText();
      assertEquals("gloo", entry.path("name").asText());
      assertEquals(version, entry.path("appVersion").asText());
      assertTrue(entry.hasNonNull("created"), "created of " + version);
      String url = entry.path("urls").path(0).asText();
      assertEquals(repository.url() + "/gloo-" + version + ".tgz", url);

      HttpResponse<byte[]> archive = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, archive.statusCode(), url);
      assertEquals(entry.path("digest").asText(), sha256(archive.body()), "digest of " + version);
    }
  }

  @Test
  void unknownPathsAreNotFound() throws Exception {
    assertEquals(404, get("/gloo-9.9.9.tgz", HttpResponse.BodyHandlers.discarding()).statusCode());
    assertEquals(404, get("/charts/index.yaml", HttpResponse.BodyHandlers.discarding()).statusCode());
  }

  @Test
  void realHelmAddsSearchesAndRendersFromTheRepository(@TempDir Path dir) throws Exception {
    Path repositoryConfig = dir.resolve("repositories.yaml");
    Files.createFile(repositoryConfig);
    // A unique alias: Helm keeps repository indexes in a cache shared by every test JVM.
    String alias = "gloo-selftest-" + URI.create(repository.url()).getPort();
    Helm.repo().add().withRepositoryConfig(repositoryConfig).withName(alias)
        .withUrl(URI.create(repository.url())).call();

    List<SearchResult> found = Helm.search().repo().withRepositoryConfig(repositoryConfig)
        .withKeyword(alias + "/gloo").withVersion(">=1.0.0").call();
    assertEquals(alias + "/gloo", found.get(0).getName());
    assertEquals(GlooVersions.latest().tag(), found.get(0).getChartVersion());

    String rendered = Helm.template(alias + "/gloo").withVersion("1.18.41")
        .withRepositoryConfig(repositoryConfig).withName("gloo").withNamespace("gloo-system").call();
    JsonNode gloo = Manifests.parse(rendered).get("Deployment", "gloo");
    assertEquals("quay.io/solo-io/gloo:1.18.41",
        gloo.at("/spec/template/spec/containers/0/image").asText());
  }

  @Test
  void aRepositoryCanServeChosenCharts() throws Exception {
    ChartArchive only = FixtureCharts.ossChart("1.19.20");
    try (EmbeddedHelmRepository single = EmbeddedHelmRepository.start(List.of(only))) {
      JsonNode index = new YAMLMapper().readTree(URI.create(single.url() + "/index.yaml").toURL());
      assertEquals(1, index.path("entries").path("gloo").size());
      assertEquals(only.digest(), index.at("/entries/gloo/0/digest").asText());
    }
  }

  private static <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(repository.url() + path)).build(), body);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
