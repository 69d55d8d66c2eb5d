@fresh-install @canary.canary-upgrade-fed @federation
Feature: Canary upgrade of Gloo Edge Federation
  The canary upgrade guide, "Upgrade Gloo Edge Federation" (procedures/canary-upgrade.md): the new
  Gloo Edge Federation runs beside the previous one on the management cluster, a remote test cluster
  runs Gloo Edge Enterprise at the new version and is registered with the new federation, both
  federations place the guide's federated virtual service and each remote keeps what its version
  knows, then the previous federation is removed. The versions come from the configuration, as the
  guide's $NEW_VERSION; by default the guide's own example, 1.12 to 1.13, where retryBackOff appears.

  Background: remote1 runs the current version, managed by the current federation
    Given Gloo Edge Federation at the current version is installed with Helm in "gloo-system" of the management cluster
    And Gloo Edge Enterprise at the current version is installed with Helm in "gloo-system" of "remote1"
    And the petstore runs on "remote1"
    And "remote1" is registered with the Gloo Edge Federation in "gloo-system"

  Scenario: The new federation is tested beside the previous one, then takes over (Federation canary upgrade, steps 1 to 11)
    # Steps 1 and 2: LICENSE_KEY and NEW_VERSION
    Given the licence key and the new version are set
    # Steps 3 to 6
    When the gloo-fed Helm chart of the new version is pulled
    And the Gloo Edge Federation CRDs of the new version are applied to the management cluster
    And Gloo Edge Federation at the new version is installed with Helm in "gloo-system-$NEW_VERSION"
    Then Gloo Edge Federation runs at the current version in "gloo-system" and at the new version in "gloo-system-$NEW_VERSION"
    # Steps 7 and 8
    When Gloo Edge Enterprise at the new version is installed with Helm in "gloo-system" of "remote2"
    And the petstore runs on "remote2"
    And "remote2" is registered with the Gloo Edge Federation in "gloo-system-$NEW_VERSION"
    And the guide's federated virtual service "my-fed-vs" is applied in "gloo-fed"
    # Step 9
    Then the federated virtual service "my-fed-vs" in "gloo-fed" is placed as follows:
      | federation namespace     | cluster | namespace   | state  |
      | gloo-system              | remote1 | gloo-system | PLACED |
      | gloo-system-$NEW_VERSION | remote2 | gloo-system | PLACED |
    # Each remote keeps only what its version knows: in the guide's example (1.12, then 1.13)
    # remote1 ignores retryBackOff and remote2 keeps it
    And the VirtualService "my-vs" placed in "gloo-system" of "remote1" retries 10 times, with retryBackOff from "1s" to "3s" only if its version knows it
    And the VirtualService "my-vs" placed in "gloo-system" of "remote2" retries 10 times, with retryBackOff from "1s" to "3s" only if its version knows it
    # Step 10
    And glooctl check reports no problems on "remote2"
    And the petstore lists the pets at "/api/pets" through the gateway of "remote2"
    # Step 11
    When "remote1" is deregistered from the Gloo Edge Federation in "gloo-system"
    Then "remote1" is no longer registered with the Gloo Edge Federation in "gloo-system"
    But the VirtualService "my-vs" placed in "gloo-system" of "remote1" remains there
    When the Gloo Edge Federation in "gloo-system" is uninstalled with glooctl
    Then no Gloo Edge Federation runs in "gloo-system" of the management cluster
    But the namespace "gloo-system" remains on the management cluster
    And the Federation CRDs remain on the management cluster
    And the federated virtual service "my-fed-vs" in "gloo-fed" remains on the management cluster
    And only the Gloo Edge Federation in "gloo-system-$NEW_VERSION" runs on the management cluster, at the new version
    When the namespace "gloo-system" is deleted from "remote1"
    Then the VirtualService "my-vs" is gone from "remote1" with its namespace "gloo-system"
    And the federated virtual service "my-fed-vs" in "gloo-fed" is placed as follows:
      | federation namespace     | cluster | namespace   | state  |
      | gloo-system-$NEW_VERSION | remote2 | gloo-system | PLACED |
    And the petstore lists the pets at "/api/pets" through the gateway of "remote2"
