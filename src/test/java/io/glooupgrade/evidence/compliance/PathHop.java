package io.glooupgrade.evidence.compliance;

/**
 * One guide step of one hop of a documented incremental path, as a scenario performed it: the hop
 * ({@code hop 2 of 3: 1.17.38 -> 1.18.41 (latest patch of 1.18)}), the Upgrade Steps step and its
 * title, the verdict (passed, failed, not reached) and, when it failed, why.
 */
public record PathHop(String hop, String step, String title, String verdict, String detail) {
}
