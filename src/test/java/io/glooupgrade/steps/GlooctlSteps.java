package io.glooupgrade.steps;

import io.glooupgrade.world.ScenarioVersions;

import io.glooupgrade.world.ScenarioTarget;

import io.glooupgrade.world.Installations;

import io.glooupgrade.evidence.Encodes;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.glooupgrade.gloo.checks.PreparationVerdicts;
import io.glooupgrade.helm.SemanticVersion;

/**
 * Upgrade Steps, step 3: glooctl at the Open Source version of the new release before Gloo Edge
 * itself is upgraded. The harness's glooctl is built in, so upgrading it means its client reports
 * that version from now on.
 */
public final class GlooctlSteps {

  private final ScenarioTarget target;
  private final ScenarioVersions versions;
  private final Installations installations;
  private final UpgradeFindings findings;

  public GlooctlSteps(ScenarioTarget target, ScenarioVersions versions, Installations installations,
      UpgradeFindings findings) {
    this.target = target;
    this.versions = versions;
    this.installations = installations;
    this.findings = findings;
  }

  @Encodes(performs = "3.2")
  @When("glooctl is upgraded to the Open Source version of the new version")
  public void glooctlIsUpgraded() {
    var installation = installations.current();
    // 3.1: client and server at the current version.
    target.gloo().glooctl().version(installation.namespace(), installation.ossVersion());
    // 3.2: the OSS version that corresponds to the new release (Enterprise: from its chart).
    String newOss = target.gloo().charts().installation(target.edition(), installation.namespace(), versions.next())
        .ossVersion();
    target.gloo().glooctl().upgrade("v" + newOss);
    findings.glooctlClientVersion(newOss);
  }

  @Encodes(performs = {"3.1", "3.3"})
  @Then("glooctl version shows the client at the new version and every server component still at the current one")
  public void clientNewServerCurrent() {
    var installation = installations.current();
    PreparationVerdicts.clientAtServerAt(target.gloo().glooctl().version(installation.namespace(),
        findings.glooctlClientVersion()), findings.glooctlClientVersion(), installation.imageTags());
  }

  @Encodes(performs = "3.1")
  @Then("glooctl version warns that client and server differ by a minor version, exactly when they do")
  public void warnsOfMinorMismatch() {
    var installation = installations.current();
    String client = findings.glooctlClientVersion();
    boolean differ = !SemanticVersion.parse(client).minorLine()
        .equals(SemanticVersion.parse(installation.ossVersion()).minorLine());
    PreparationVerdicts.warnsOfMinorMismatch(target.gloo().glooctl().version(installation.namespace(), client), differ);
  }
}
