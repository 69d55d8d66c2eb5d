package io.glooupgrade.selftest.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.SearchResult;
import io.glooupgrade.embedded.catalog.EmbeddedHelmRepository;
import io.glooupgrade.embedded.catalog.EnterpriseVersion;
import io.glooupgrade.embedded.catalog.EnterpriseVersions;
import io.glooupgrade.embedded.catalog.GlooHelmRepository;
import io.glooupgrade.embedded.catalog.GlooVersion;
import io.glooupgrade.embedded.catalog.GlooVersions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded world serves the three public Gloo repositories, each on its own port with its own
 * index: {@code gloo} (chart gloo), {@code glooe} (gloo-ee), {@code gloo-fed} (gloo-fed).
 */
class GlooHelmRepositoriesTest {

  private static final Map<GlooHelmRepository, EmbeddedHelmRepository> REPOSITORIES =
      new EnumMap<>(GlooHelmRepository.class);

  @BeforeAll
  static void start() {
    for (GlooHelmRepository repository : GlooHelmRepository.values()) {
      REPOSITORIES.put(repository, EmbeddedHelmRepository.start(repository));
    }
  }

  @AfterAll
  static void stop() {
    REPOSITORIES.values().forEach(EmbeddedHelmRepository::close);
  }

  @Test
  void eachRepositoryListsOnlyItsChart() throws Exception {
    assertEquals(Set.of("gloo"), chartsIn(GlooHelmRepository.OSS));
    assertEquals(Set.of("gloo-ee"), chartsIn(GlooHelmRepository.ENTERPRISE));
    assertEquals(Set.of("gloo-fed"), chartsIn(GlooHelmRepository.FEDERATION));
    Set<String> urls = REPOSITORIES.values().stream().map(EmbeddedHelmRepository::url).collect(Collectors.toSet());
    assertEquals(3, urls.size(), "one port each: " + urls);
  }

  @Test
  void theEnterpriseIndexListsTheEnterpriseVersionsNewestFirst() throws Exception {
    List<String> listed = versions(GlooHelmRepository.ENTERPRISE, "gloo-ee");
    List<String> offered = new ArrayList<>(EnterpriseVersions.all().stream().map(EnterpriseVersion::tag).toList());
    Collections.reverse(offered);
    assertEquals(offered, listed);
    assertEquals("1.18.14", listed.get(listed.indexOf("1.18.13") - 1));
    JsonNode entry = index(GlooHelmRepository.ENTERPRISE).at("/entries/gloo-ee/0");
    assertEquals(REPOSITORIES.get(GlooHelmRepository.ENTERPRISE).url() + "/gloo-ee-" + listed.get(0) + ".tgz",
        entry.at("/urls/0").asText());
  }

  @Test
  void theFederationIndexListsTheEnterpriseNumbersAndTheOssIndexTheOssOnes() throws Exception {
    assertEquals(Set.copyOf(EnterpriseVersions.federation().stream().map(GlooVersion::tag).toList()),
        Set.copyOf(versions(GlooHelmRepository.FEDERATION, "gloo-fed")));
    Set<String> oss = Set.copyOf(versions(GlooHelmRepository.OSS, "gloo"));
    assertEquals(Set.copyOf(GlooVersions.all().stream().map(GlooVersion::tag).toList()), oss);
    assertTrue(oss.containsAll(Set.of("1.12.58", "1.13.35")), oss.toString());
  }

  @Test
  void realHelmAddsTheEnterpriseRepositoryAndRendersGlooEe(@TempDir Path dir) throws Exception {
    Path repositoryConfig = dir.resolve("repositories.yaml");
    Files.createFile(repositoryConfig);
    EmbeddedHelmRepository glooe = REPOSITORIES.get(GlooHelmRepository.ENTERPRISE);
    // A unique alias: Helm keeps repository indexes in a cache shared by every test JVM.
    String alias = "glooe-selftest-" + URI.create(glooe.url()).getPort();
    Helm.repo().add().withRepositoryConfig(repositoryConfig).withName(alias)
        .withUrl(URI.create(glooe.url())).call();

    List<SearchResult> found = Helm.search().repo().withRepositoryConfig(repositoryConfig)
        .withKeyword(alias + "/gloo-ee").withVersion(">=1.0.0").call();
    assertEquals(alias + "/gloo-ee", found.get(0).getName());
    assertEquals(EnterpriseVersions.latest().tag(), found.get(0).getChartVersion());

    String rendered = Helm.template(alias + "/gloo-ee").withVersion("1.17.33")
        .withRepositoryConfig(repositoryConfig).withName("gloo").withNamespace("gloo-system")
        .set("license_key", "k").call();
    JsonNode gloo = Manifests.parse(rendered).get("Deployment", "gloo");
    assertEquals("quay.io/solo-io/gloo-ee:1.17.33", gloo.at("/spec/template/spec/containers/0/image").asText());
    assertEquals("1.17.38", gloo.at("/spec/template/metadata/annotations").path("gloo.solo.io/oss-image-tag").asText());
  }

  @Test
  void theRepositoriesKnowTheirPublicNames() {
    assertEquals("glooe/gloo-ee", GlooHelmRepository.ENTERPRISE.chartReference());
    assertEquals("gloo-fed/gloo-fed", GlooHelmRepository.FEDERATION.chartReference());
    assertEquals("gloo/gloo", GlooHelmRepository.OSS.chartReference());
    assertEquals("https://storage.googleapis.com/gloo-ee-helm", GlooHelmRepository.ENTERPRISE.publicUrl());
    assertNotEquals(GlooHelmRepository.OSS.publicUrl(), GlooHelmRepository.FEDERATION.publicUrl());
  }

  private static JsonNode index(GlooHelmRepository repository) throws Exception {
    return new YAMLMapper().readTree(URI.create(REPOSITORIES.get(repository).url() + "/index.yaml").toURL());
  }

  private static Set<String> chartsIn(GlooHelmRepository repository) throws Exception {
    Set<String> charts = new HashSet<>();
    index(repository).path("entries").fieldNames().forEachRemaining(charts::add);
    return charts;
  }

  private static List<String> versions(GlooHelmRepository repository, String chart) throws Exception {
    return StreamSupport.stream(index(repository).path("entries").path(chart).spliterator(), false)
        .map(e -> e.path("version").asText()).toList();
  }
}
