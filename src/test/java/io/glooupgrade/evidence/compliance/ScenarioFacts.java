package io.glooupgrade.evidence.compliance;

import io.glooupgrade.config.UpgradeVersions;

/** What one scenario ran with: its edition ("oss", "enterprise", "federation"), versions and target. */
public record ScenarioFacts(String edition, UpgradeVersions versions, TargetIdentity target) {
}
