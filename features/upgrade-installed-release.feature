@installed-release
Feature: Upgrade the Gloo Edge release already installed on the cluster
  For a staging cluster that runs Gloo Edge already: the harness installs nothing, takes the
  release it finds in "gloo-system" as the current version (or checks it is the configured one),
  and upgrades it in place as Upgrade Steps 4 and 5 say. It leaves the release at the new version
  and deletes only what it created (the petstore route). Not run on the embedded default, whose
  clusters start empty: select it with the tag @installed-release (see the README).

  Background:
    Given the Gloo Edge release already installed with Helm in "gloo-system"
    And the petstore is routed at "/all-pets"

  @upgrade-steps.upgrade
  Scenario Outline: Upgrade the installed release: CRDs first, then Helm with the values in use (Upgrade Steps, steps 4 and 5)
    When the CRDs the new version removes are deleted
    And the CRDs of the new version are applied
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
