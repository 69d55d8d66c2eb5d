@fresh-install @canary.rollback @federation
Feature: Roll back a Gloo Edge Federation canary upgrade
  "Roll back a canary upgrade" (procedures/canary-upgrade.md), its Federation parts: after a completed
  Federation canary upgrade, Gloo Edge Federation at the rollback version is installed in its own
  namespace, the federated resources are reverted, the remote test cluster leaves the new federation
  and the remote cluster runs Gloo Edge Enterprise at the rollback version, registered with the
  rollback federation; then the new federation is uninstalled and the rollback version's CRDs are
  applied. $ROLLBACK_VERSION comes from the configuration (by default the current version).

  The new version's namespace of step 4.3 is where the remote test cluster ran the new version: the
  guide writes gloo-system-$NEW_VERSION, its own example runs it in gloo-system of remote2 (where the
  federated virtual service is placed). The remote that the rollback federation manages is remote1,
  whose previous namespace the canary upgrade deleted (its step 11.3).

  Background: what a completed Federation canary upgrade leaves (Federation canary upgrade, steps 1 to 11)
    Given Gloo Edge Federation at the new version is installed with Helm in "gloo-system-$NEW_VERSION" of the management cluster
    And Gloo Edge Enterprise at the new version is installed with Helm in "gloo-system" of "remote2"
    And the petstore runs on "remote1"
    And the petstore runs on "remote2"
    And "remote2" is registered with the Gloo Edge Federation in "gloo-system-$NEW_VERSION"
    And the guide's federated virtual service "my-fed-vs" is applied in "gloo-fed"
    And the federated virtual service "my-fed-vs" in "gloo-fed" is placed as follows:
      | federation namespace     | cluster | namespace   | state  |
      | gloo-system-$NEW_VERSION | remote2 | gloo-system | PLACED |

  Scenario: Gloo Edge Federation goes back to the rollback version, canary style (Roll back a canary upgrade, steps 1 to 7, Federation)
    # Steps 1 and 2
    Given the rollback version is set
    When the gloo-fed Helm chart of the rollback version is pulled
    And Gloo Edge Federation at the rollback version is installed with Helm in "gloo-system-$ROLLBACK_VERSION"
    # Step 3
    And the federated virtual service "my-fed-vs" in "gloo-fed" is reverted to the guide's example without retryBackOff
    Then the federated virtual service "my-fed-vs" in "gloo-fed" no longer sets retryBackOff
    # Step 4
    When "remote2" is deregistered from the Gloo Edge Federation in "gloo-system-$NEW_VERSION"
    Then "remote2" is no longer registered with the Gloo Edge Federation in "gloo-system-$NEW_VERSION"
    When Gloo Edge Enterprise at the rollback version is installed with Helm in "gloo-system" of "remote1"
    And "remote1" is registered with the Gloo Edge Federation in "gloo-system-$ROLLBACK_VERSION"
    And the namespace "gloo-system" is deleted from "remote2"
    Then the VirtualService "my-vs" is gone from "remote2" with its namespace "gloo-system"
    # Steps 5 and 6
    When the Gloo Edge Federation in "gloo-system-$NEW_VERSION" is uninstalled with glooctl
    And the Gloo Edge Federation CRDs of the rollback version are applied to the management cluster
    Then only the Gloo Edge Federation in "gloo-system-$ROLLBACK_VERSION" runs on the management cluster, at the rollback version
    # Step 7
    And the federated virtual service "my-fed-vs" in "gloo-fed" is placed as follows:
      | federation namespace          | cluster | namespace   | state  |
      | gloo-system-$ROLLBACK_VERSION | remote1 | gloo-system | PLACED |
    And the VirtualService "my-vs" placed in "gloo-system" of "remote1" retries 10 times, without retryBackOff
    And glooctl check reports no problems on "remote1"
    And the petstore lists the pets at "/api/pets" through the gateway of "remote1"
