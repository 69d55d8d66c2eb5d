@fresh-install
Feature: Upgrade Gloo Edge in place with Helm
  The Upgrade Steps guide (procedures/upgrade-steps.md), step by step: prepare (latest patch first,
  one minor at a time, supported dependencies, probes), review the CRD and Helm changes, upgrade
  glooctl, apply the minor version's changes (removed CRDs deleted, new CRDs applied first, because
  helm upgrade never applies them), then upgrade the Helm release with the values in use and verify
  that every component runs the new version. The current and the new version come from the
  configuration per edition, as the guide's $NEW_VERSION does.

  Background:
    Given Gloo Edge at the current version is installed with Helm in "gloo-system"
    And the petstore is routed at "/all-pets"

  @upgrade-steps.prepare
  Scenario Outline: Prepare to upgrade (Upgrade Steps, step 1)
    The latest patch of the current minor comes first (1.1), and the upgrade crosses one minor at
    most (1.2); the dependencies must support the new minor; the probes advice avoids downtime.

    When the upgrade from the current to the new version is prepared
    Then every Gloo Edge pod runs the latest patch of the current minor
    And the new version is at most one minor above the current version
    And the cluster's Kubernetes version is supported by the new version
    And the Helm version is supported by the new version
    And the preparation warns that the gateway-proxy probes are off, as they are by default

    @oss
    Examples: Open Source
      | edition |
      | OSS     |

    @enterprise
    Examples: Enterprise
      | edition    |
      | Enterprise |

  @upgrade-steps.review-changes
  Scenario Outline: Review the CRD and Helm changes of the new version (Upgrade Steps, step 2)
    New, removed and changed CRDs and new, deprecated, removed and changed Helm values, computed
    from the two charts and attached for review.

    When the CRD and Helm changes from the current to the new version are reviewed
    Then no CRD that the new version removes still holds custom resources

    @oss
    Examples: Open Source
      | edition |
      | OSS     |

    @enterprise
    Examples: Enterprise
      | edition    |
      | Enterprise |

  @upgrade-steps.glooctl
  Scenario Outline: glooctl at the new version before the upgrade (Upgrade Steps, step 3)
    When glooctl is upgraded to the Open Source version of the new version
    Then glooctl version shows the client at the new version and every server component still at the current one
    And glooctl version warns that client and server differ by a minor version, exactly when they do
    And glooctl check reports no problems

    @oss
    Examples: Open Source
      | edition |
      | OSS     |

    @enterprise
    Examples: Enterprise
      | edition    |
      | Enterprise |

  @upgrade-steps.crds
  Scenario Outline: The minor version's changes are applied before the upgrade (Upgrade Steps, step 4)
    When the Gloo Edge Helm repositories are updated
    And the CRDs the new version removes are deleted
    And the CRDs of the new version are applied
    And the Helm values in use are saved
    Then glooctl check-crds against the new version reports that all CRDs are up to date
    And no CRD that the new version removes is left in the cluster
    And no Helm value in use is one that the new version removes

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
    Where the upgrade fails because the completed gateway-certgen Job is immutable (a cluster that
    ignores ttlSecondsAfterFinished), the Job is deleted and the upgrade applied again, as the
    guide's note in step 5 says; the evidence records it.

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
