Feature: Upgrade Gloo Edge in place with Helm
  The Upgrade Steps guide (procedures/upgrade-steps.md): apply the new version's CRDs first,
  because helm upgrade never applies them, then upgrade the Helm release with the values in use
  and verify that every component runs the new version. The current and the new version come
  from the configuration per edition, as the guide's $NEW_VERSION does.

  Background:
    Given Gloo Edge at the current version is installed with Helm in "gloo-system"
    And the petstore is routed at "/all-pets"

  @upgrade-steps.crds
  Scenario Outline: The new version's CRDs are applied before the upgrade (Upgrade Steps, step 4)
    When the Gloo Edge Helm repositories are updated
    And the CRDs of the new version are applied
    Then glooctl check-crds against the new version reports that all CRDs are up to date

    @oss
    Examples: Open Source
      | edition |
      | OSS     |

    @enterprise
    Examples: Enterprise
      | edition    |
      | Enterprise |

  @upgrade-steps.crds @upgrade-steps.upgrade
  Scenario Outline: CRDs first, then the Helm upgrade with the values in use (Upgrade Steps, steps 4 and 5)
    When the CRDs of the new version are applied
    And the Helm release is upgraded to the new version with the values in use
    Then every Gloo Edge pod runs the image tag of the new version
    And glooctl version reports the new version for every server component
    And glooctl check-crds reports that all CRDs are up to date
    And glooctl check reports no problems
    And "/all-pets" still lists the pets

    @oss
    Examples: Open Source
      | edition |
      | OSS     |

    @enterprise
    Examples: Enterprise
      | edition    |
      | Enterprise |
