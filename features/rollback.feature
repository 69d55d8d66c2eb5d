@fresh-install
Feature: Roll back a canary upgrade of Gloo Edge Open Source or Enterprise
  The canary guide's "Roll back a canary upgrade" (procedures/canary-upgrade.md): the previous
  version was already uninstalled, so the rollback version ($ROLLBACK_VERSION, step 1, from the
  configuration; by default the version upgraded from) is installed again in a namespace of its own
  beside the new one, and takes over. Step 4 shifts Gloo Edge Federation's remote clusters and does
  not apply to Open Source or Enterprise.

  Background:
    Given Gloo Edge at the current version is installed with Helm in "gloo-system"
    And the petstore is routed at "/all-pets"
    And the canary upgrade to the new version is complete, with "/canary-pets" added for it

  @canary.rollback
  Scenario Outline: The rollback version is installed again beside the new one and takes over (Roll back a canary upgrade, steps 1 to 7)
    When the Helm chart of the rollback version is pulled
    And glooctl installs the gateway at the rollback version in its own namespace
    Then the new and the rollback version are both running
    When the change to "/canary-pets" made for the new version is reverted
    And glooctl uninstalls the new version
    Then no Gloo Edge deployment is left in the new version's namespace
    But the new version's namespace remains
    And the custom resources in the new version's namespace remain
    And the Gloo Edge CRDs remain
    When the CRDs of the rollback version are applied
    Then "/all-pets" lists the pets through the rollback version's gateway
    And "/canary-pets" is not routed through the rollback version's gateway
    And glooctl check reports no problems for the rollback version

    @oss
    Examples: Open Source
      | edition |
      | OSS     |

    @enterprise
    Examples: Enterprise
      | edition    |
      | Enterprise |
