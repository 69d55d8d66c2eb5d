@fresh-install @upgrade-path
Feature: Upgrade Gloo Edge along the documented path, one minor at a time
  The Upgrade Steps guide, step 1: upgrade to the latest patch of the current minor first, then one
  minor at a time, each to its latest patch, the new version last. The path is planned from what the
  edition's chart repository offers (a minor it lacks refuses the path before anything changes) and
  performed on one installation, each hop as the guide does a single upgrade: its changes reviewed,
  the CRDs it removes deleted and its CRDs applied first, the Helm upgrade with the values in use,
  then every pod's image, glooctl check and the routes; traffic flows through the whole path. The
  current and the new version come from the configuration, e.g. -Dharness.current.version=1.16.27
  -Dharness.new.version=1.19.20.

  @upgrade-steps.prepare @upgrade-steps.upgrade @zero-downtime
  Scenario Outline: From the current version to the new one, through the latest patch of every minor between (Upgrade Steps, steps 1 to 5, hop by hop)
    Given the documented path from the current to the new version is planned
    And Gloo Edge at the current version is installed with Helm in "gloo-system"
    And the petstore is routed at "/all-pets"
    And the gateway-proxy readiness and liveness probes are enabled at the current version
    And traffic flows to "/all-pets" through the gateway
    When every hop of the path is performed: review, CRDs, Helm upgrade with the values in use, rollout, glooctl check and routes
    Then "/all-pets" still lists the pets
    And no request failed during the upgrade

    @oss
    Examples: Open Source
      | edition |
      | OSS     |

    @enterprise
    Examples: Enterprise
      | edition    |
      | Enterprise |
