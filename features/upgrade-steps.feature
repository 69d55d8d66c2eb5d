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

  @upgrade-steps.prepare @upgrade-steps.upgrade @zero-downtime
  Scenario Outline: Without Envoy's probes the in-place upgrade drops requests, as the guide warns (Upgrade Steps, steps 1 and 5)
    Given traffic flows to "/all-pets" through the gateway
    When the CRDs of the new version are applied
    And the Helm release is upgraded to the new version with the values in use
    Then requests failed while the gateway proxies restarted, as the guide warns without probes

    @oss
    Examples: Open Source
      | edition |
      | OSS     |

    @enterprise
    Examples: Enterprise
      | edition    |
      | Enterprise |

  @upgrade-steps.prepare @upgrade-steps.upgrade @zero-downtime
  Scenario Outline: With Envoy's probes enabled first, the in-place upgrade drops no request (Upgrade Steps, steps 1 and 5)
    Given the gateway-proxy readiness and liveness probes are enabled at the current version
    And traffic flows to "/all-pets" through the gateway
    When the CRDs of the new version are applied
    And the Helm release is upgraded to the new version with the values in use
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
