@fresh-install
Feature: Canary upgrade of Gloo Edge Open Source or Enterprise
  The canary guide (procedures/canary-upgrade.md), "Upgrade Gloo Edge Open Source or Enterprise":
  the new version is installed beside the current one, in a namespace of its own
  (gloo-system-$NEW_VERSION, dots as dashes since namespace names allow no dots), proves itself with
  traffic through its own gateway, and only then is the current version uninstalled. $NEW_VERSION
  (step 1) comes from the configuration per edition. The guide's Step 1 (prepare) and Step 2
  (glooctl) are the Upgrade Steps guide's; the glooctl commands are the harness's equivalents.

  Background:
    Given Gloo Edge at the current version is installed with Helm in "gloo-system"
    And the petstore is routed at "/all-pets"

  @canary.canary-upgrade
  Scenario Outline: The new version runs beside the current one, then takes over (Canary upgrade, steps 1 to 8)
    When the Helm chart of the new version is pulled
    And the CRDs of the new version are applied
    And glooctl installs the gateway at the new version in its own namespace
    Then the current and the new version are both running
    And "/all-pets" lists the pets through the new version's gateway
    When the petstore VirtualService gains "/canary-pets" with the retry options of the new version
    Then "/canary-pets" lists the pets through the new version's gateway
    And glooctl check reports no problems for the new version
    When glooctl uninstalls the current version
    Then no Gloo Edge deployment is left in the current version's namespace
    But the current version's namespace remains
    And the custom resources in the current version's namespace remain
    And the Gloo Edge CRDs remain
    And "/all-pets" lists the pets through the new version's gateway

    @oss
    Examples: Open Source
      | edition |
      | OSS     |

    @enterprise
    Examples: Enterprise
      | edition    |
      | Enterprise |

  @canary.canary-upgrade @zero-downtime
  Scenario Outline: Traffic moved to the new version before the current one is uninstalled loses no request (Canary upgrade, steps 2 to 8)
    Given traffic flows to "/all-pets" through the gateway
    When the Helm chart of the new version is pulled
    And the CRDs of the new version are applied
    And glooctl installs the gateway at the new version in its own namespace
    Then the current and the new version are both running
    And "/all-pets" lists the pets through the new version's gateway
    When traffic to "/all-pets" moves to the new version's gateway
    And glooctl uninstalls the current version
    Then no request failed during the upgrade
    And the latency p99 stayed under 1000 ms

    @oss
    Examples: Open Source
      | edition |
      | OSS     |

    @enterprise
    Examples: Enterprise
      | edition    |
      | Enterprise |
