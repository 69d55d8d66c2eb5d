package io.glooupgrade.selftest.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glooupgrade.embedded.catalog.EnterpriseVersion;
import io.glooupgrade.embedded.catalog.EnterpriseVersions;
import io.glooupgrade.embedded.catalog.GlooVersion;
import io.glooupgrade.embedded.catalog.GlooVersions;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Enterprise table follows the upgrade guide's rule: same minor as its OSS release, another patch. */
class EnterpriseVersionsTest {

  @Test
  void everyEnterpriseReleasePullsInAnOfferedOssReleaseOfItsMinorWithAnotherPatch() {
    Set<GlooVersion> oss = Set.copyOf(GlooVersions.all());
    for (EnterpriseVersion ee : EnterpriseVersions.all()) {
      assertTrue(oss.contains(ee.oss()), ee + ": its OSS release is offered");
      assertTrue(ee.enterprise().sameMinorAs(ee.oss()), ee.toString());
      assertNotEquals(ee.enterprise().patch(), ee.oss().patch(), ee.toString());
      // An image tag tells Enterprise from OSS: no Enterprise number is also an OSS number.
      assertFalse(oss.contains(ee.enterprise()), ee + " is also an OSS release");
    }
  }

  @Test
  void everyOssMinorHasOneOrTwoEnterpriseReleasesIncludingTheCanaryGuidesOnes() {
    for (String minor : GlooVersions.minors()) {
      int patches = EnterpriseVersions.patchesOf(minor).size();
      assertTrue(patches >= 1 && patches <= 2, minor + " has " + patches + " Enterprise releases");
    }
    assertEquals(List.of("1.12", "1.13"), EnterpriseVersions.all().stream()
        .map(EnterpriseVersion::minorVersion).distinct().limit(2).toList());
  }

  @Test
  void lookUpsByNumber() {
    EnterpriseVersion ee = EnterpriseVersions.of("v1.18.14");
    assertEquals("1.18.14", ee.tag());
    assertEquals("1.18.41", ee.ossTag());
    assertEquals(ee, EnterpriseVersions.latestPatchOf("1.18"));
    assertEquals("1.18.40", EnterpriseVersions.of("1.18.13").ossTag());
    assertEquals(GlooVersion.parse("1.18.41"), EnterpriseVersions.ossByEnterprise().get(ee.enterprise()));
    assertFalse(EnterpriseVersions.offers("1.18.41"), "an OSS number is no Enterprise release");
    assertThrows(NoSuchElementException.class, () -> EnterpriseVersions.of("1.18.41"));
    assertEquals(EnterpriseVersions.all().get(EnterpriseVersions.all().size() - 1), EnterpriseVersions.latest());
  }

  @Test
  void federationReleasesCarryTheEnterpriseNumbers() {
    assertEquals(EnterpriseVersions.all().stream().map(EnterpriseVersion::enterprise).toList(),
        EnterpriseVersions.federation());
    assertEquals(EnterpriseVersions.federation().size(),
        EnterpriseVersions.federation().stream().collect(Collectors.toSet()).size());
  }

  @Test
  void anEnterpriseReleaseCannotPullInAnotherMinor() {
    assertThrows(IllegalArgumentException.class, () ->
        new EnterpriseVersion(GlooVersion.parse("1.18.14"), GlooVersion.parse("1.17.38")));
  }
}
