package io.glooupgrade.selftest.gloo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glooupgrade.gloo.install.ChartChanges;
import io.glooupgrade.gloo.Edition;
import io.glooupgrade.gloo.HelmValues;
import io.glooupgrade.gloo.checks.PreparationVerdicts;
import io.glooupgrade.helm.PulledChart;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step 2's changes between two charts, and step 4's values in use that the new chart removed. */
class ChartChangesTest {

  @TempDir
  Path dir;

  @Test
  void crdsAreNewRemovedChangedOrUnchangedAndValuesNewRemovedDeprecatedOrChanged() throws IOException {
    PulledChart before = chart("gloo-1.0.0.tgz", Map.of(
        "gloo/Chart.yaml", "name: gloo\nversion: 1.0.0\n",
        "gloo/crds/a.yaml", crd("olds.gloo.solo.io", "v1"),
        "gloo/crds/b.yaml", crd("keeps.gloo.solo.io", "v1") + crd("changes.gloo.solo.io", "v1"),
        "gloo/values.yaml", "global:\n  image:\n    tag: 1.0.0\n    fips: false\nsettings:\n  writeNamespace: \"\"\n"
            + "  # Deprecated: use settings.writeNamespace.\n  oldNamespace: x\nproxy:\n  probes: false\n"));
    PulledChart after = chart("gloo-1.1.0.tgz", Map.of(
        "gloo/Chart.yaml", "name: gloo\nversion: 1.1.0\n",
        "gloo/crds/b.yaml", crd("keeps.gloo.solo.io", "v1") + crd("changes.gloo.solo.io", "v2"),
        "gloo/crds/c.yaml", crd("news.gloo.solo.io", "v1"),
        "gloo/values.yaml", "global:\n  image:\n    tag: 1.1.0\n    variant: standard\nsettings:\n"
            + "  writeNamespace: \"\" # deprecated, set watchNamespaces\n"
            + "  # Deprecated: use settings.writeNamespace.\n  oldNamespace: x\nproxy:\n  probes: true\n"));

    ChartChanges changes = ChartChanges.between(Edition.OSS, "1.0.0", before, "1.1.0", after);

    assertThat(changes.newCrds()).containsExactly("news.gloo.solo.io");
    assertThat(changes.removedCrds()).containsExactly("olds.gloo.solo.io");
    assertThat(changes.changedCrds()).containsExactly("changes.gloo.solo.io");
    assertThat(changes.newValues()).containsExactly("global.image.variant");
    assertThat(changes.removedValues()).containsExactly("global.image.fips");
    assertThat(changes.deprecatedValues()).containsExactly("settings.writeNamespace", "settings.oldNamespace");
    assertThat(changes.changedDefaults()).containsExactly(new ChartChanges.ValueChange("proxy.probes", false, true));
    assertThat(changes.table())
        .contains("| new | news.gloo.solo.io |").contains("| removed | olds.gloo.solo.io |")
        .contains("| changed | changes.gloo.solo.io |").contains("unchanged: 1 (keeps.gloo.solo.io)")
        .contains("| removed | global.image.fips | false |  |").contains("| new | global.image.variant |  | standard |")
        .contains("| deprecated | settings.writeNamespace |").contains("| still deprecated | settings.oldNamespace |")
        .contains("| default changed | proxy.probes | false | true |")
        .contains("1 value(s) only follow the version (image tags)");
  }

  @Test
  void enterpriseValuesIncludeTheOssSubchartUnderGlooWithTheParentWinning() throws IOException {
    String eeChart = "name: gloo-ee\nversion: 2.0.0\ndependencies:\n- name: gloo\n  version: 1.0.0\n";
    String ossValues = "global:\n  image:\n    fips: false\ngloo:\n  deployment:\n    repository: gloo\n";
    PulledChart before = chart("gloo-ee-2.0.0.tgz", Map.of("gloo-ee/Chart.yaml", eeChart,
        "gloo-ee/charts/gloo/crds/a.yaml", crd("keeps.gloo.solo.io", "v1"),
        "gloo-ee/charts/gloo/values.yaml", ossValues,
        "gloo-ee/values.yaml", "license_key: \"\"\ngloo:\n  gloo:\n    deployment:\n      repository: gloo-ee\n"));
    PulledChart after = chart("gloo-ee-2.1.0.tgz", Map.of("gloo-ee/Chart.yaml", eeChart.replace("2.0.0", "2.1.0"),
        "gloo-ee/charts/gloo/crds/a.yaml", crd("keeps.gloo.solo.io", "v1"),
        "gloo-ee/charts/gloo/values.yaml", ossValues.replace("    fips: false\n", "    variant: standard\n"),
        "gloo-ee/values.yaml", "license_key: \"\"\ngloo:\n  gloo:\n    deployment:\n      repository: gloo-ee\n"));

    ChartChanges changes = ChartChanges.between(Edition.ENTERPRISE, "2.0.0", before, "2.1.0", after);

    assertThat(HelmValues.defaultsOf(after, "gloo-ee").leaves()).containsEntry("gloo.gloo.deployment.repository",
        "gloo-ee").containsEntry("gloo.global.image.variant", "standard").containsEntry("license_key", "");
    assertThat(changes.removedValues()).containsExactly("gloo.global.image.fips");
    assertThat(changes.newValues()).containsExactly("gloo.global.image.variant");
    assertThat(changes.changedDefaults()).isEmpty();
    assertThat(changes.table()).contains("the OSS values under gloo.");
  }

  @Test
  void aValueInUseThatTheNewChartRemovedIsReportedAndFailsTheCheck() throws IOException {
    PulledChart before = chart("gloo-1.0.0.tgz", Map.of("gloo/Chart.yaml", "name: gloo\n",
        "gloo/crds/a.yaml", crd("keeps.gloo.solo.io", "v1"),
        "gloo/values.yaml", "global:\n  image:\n    fips: false\n    registry: quay.io/solo-io\n"));
    PulledChart after = chart("gloo-1.1.0.tgz", Map.of("gloo/Chart.yaml", "name: gloo\n",
        "gloo/crds/a.yaml", crd("keeps.gloo.solo.io", "v1"),
        "gloo/values.yaml", "global:\n  image:\n    registry: quay.io/solo-io\n"));
    ChartChanges changes = ChartChanges.between(Edition.OSS, "1.0.0", before, "1.1.0", after);

    HelmValues inUse = HelmValues.parse("global:\n  image:\n    fips: true\n    registry: my.registry\n");

    assertThat(changes.removedValuesIn(inUse)).containsExactly("global.image.fips");
    assertThat(changes.removedValuesIn(HelmValues.parse("null\n"))).isEmpty();
    assertThat(changes.removedValuesIn(HelmValues.parse(""))).isEmpty();
    PreparationVerdicts.noRemovedValueInUse(changes.removedValuesIn(HelmValues.parse("license_key: x\n")), "1.1.0");
    assertThatThrownBy(() -> PreparationVerdicts.noRemovedValueInUse(changes.removedValuesIn(inUse), "1.1.0"))
        .hasMessageContaining("the chart of 1.1.0 no longer has: [global.image.fips]");
  }

  private static String crd(String name, String schemaDescription) {
    String[] parts = name.split("\\.", 2);
    return "---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: " + name
        + "\nspec:\n  group: " + parts[1] + "\n  names:\n    kind: " + parts[0] + "\n    plural: " + parts[0]
        + "\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n"
        + "      openAPIV3Schema:\n        type: object\n        description: " + schemaDescription + "\n";
  }

  private PulledChart chart(String name, Map<String, String> files) throws IOException {
    Path archive = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      for (Map.Entry<String, String> file : new LinkedHashMap<>(files).entrySet()) {
        byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    return PulledChart.read(archive);
  }
}
